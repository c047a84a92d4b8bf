import { Logger } from '@nestjs/common';
import type { AppConfig } from '@carecast/server/config';
import { signFacebookPayload } from './adapters/facebook/facebook-webhook';
import type { ChannelEventRepository, ChannelEventTarget, NewChannelEvent } from './channel-event.repository';
import { ChannelEventsService } from './channel-events.service';
import { WebhookRejectedError } from './webhook-rejected-error';

const SECRET = 'app-secret';

function configWith(platforms: Partial<AppConfig['platforms']>): AppConfig {
  return {
    platforms: {
      facebookApp: { appId: '1', appSecret: SECRET, dialogUrl: 'https://example.org/dialog' },
      facebookWebhookVerifyToken: 'verify-token',
      ...platforms,
    },
  } as AppConfig;
}

/** Keeps events in memory with the table's uniqueness rule. */
class FakeEvents {
  readonly rows: NewChannelEvent[] = [];
  constructor(private readonly targets: ChannelEventTarget[]) {}

  async targetsOf(_kind: string, ids: string[]) {
    return this.targets.filter((t) => ids.includes(t.externalAccountId));
  }

  async insertNew(events: NewChannelEvent[]) {
    const key = (e: NewChannelEvent) =>
      [e.channelId, e.source, e.externalId, e.verb, e.changedAt.toISOString()].join('|');
    const fresh = events.filter((e) => !this.rows.some((r) => key(r) === key(e)));
    this.rows.push(...fresh);
    return fresh.length;
  }
}

const notification = (pageId: string, commentId: string) =>
  Buffer.from(
    JSON.stringify({
      object: 'page',
      entry: [
        {
          id: pageId,
          time: 1,
          changes: [
            {
              field: 'feed',
              value: { item: 'comment', verb: 'add', post_id: `${pageId}_1`, comment_id: commentId },
            },
            { field: 'feed', value: { item: 'reaction', verb: 'add', post_id: `${pageId}_1` } },
          ],
        },
      ],
    }),
  );

function rejection(fn: () => unknown): Promise<string> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => 'none',
      (err: unknown) => (err instanceof WebhookRejectedError ? err.reason : `other: ${String(err)}`),
    );
}

describe('ChannelEventsService', () => {
  const targets = [
    { channelId: 'c1', organisationId: 'o1', externalAccountId: '111' },
    { channelId: 'c2', organisationId: 'o2', externalAccountId: '111' },
  ];
  let events: FakeEvents;
  let service: ChannelEventsService;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    events = new FakeEvents(targets);
    service = new ChannelEventsService(configWith({}), events as unknown as ChannelEventRepository);
  });

  it('stores a change once for every organisation connected to the page', async () => {
    const body = notification('111', '1_2');
    const signature = signFacebookPayload(SECRET, body);
    expect(await service.receiveFacebookNotification(body, signature)).toEqual({
      stored: 2,
      duplicates: 0,
      unknownPages: 0,
      ignored: 1,
    });
    expect(events.rows.map((r) => `${r.organisationId}/${r.channelId}/${r.externalId}`)).toEqual([
      'o1/c1/1_2',
      'o2/c2/1_2',
    ]);
    expect(await service.receiveFacebookNotification(body, signature)).toMatchObject({
      stored: 0,
      duplicates: 2,
    });
  });

  it('acknowledges pages nobody connected without storing', async () => {
    const body = notification('999', '1_3');
    expect(await service.receiveFacebookNotification(body, signFacebookPayload(SECRET, body))).toMatchObject({
      stored: 0,
      unknownPages: 1,
    });
    expect(events.rows).toEqual([]);
  });

  it('refuses what it cannot trust before storing anything', async () => {
    const body = notification('111', '1_4');
    expect(await rejection(() => service.receiveFacebookNotification(body, undefined))).toBe(
      'signature_missing',
    );
    expect(await rejection(() => service.receiveFacebookNotification(body, 'sha256=zz'))).toBe(
      'signature_invalid',
    );
    expect(
      await rejection(() => service.receiveFacebookNotification(body, signFacebookPayload('other', body))),
    ).toBe('signature_invalid');
    expect(await rejection(() => service.receiveFacebookNotification(undefined, 'sha256=00'))).toBe(
      'body_missing',
    );
    const unconfigured = new ChannelEventsService(
      configWith({ facebookApp: null, facebookWebhookVerifyToken: null }),
      events as unknown as ChannelEventRepository,
    );
    expect(
      await rejection(() =>
        unconfigured.receiveFacebookNotification(body, signFacebookPayload(SECRET, body)),
      ),
    ).toBe('webhook_not_configured');
    expect(events.rows).toEqual([]);
  });

  it('answers the subscription check only with the right mode, token and a plain challenge', async () => {
    expect(
      service.confirmFacebookSubscription({
        mode: 'subscribe',
        verifyToken: 'verify-token',
        challenge: '42',
      }),
    ).toBe('42');
    const check = (mode?: string, verifyToken?: string, challenge?: string) =>
      rejection(() => service.confirmFacebookSubscription({ mode, verifyToken, challenge }));
    expect(await check('subscribe', 'wrong', '42')).toBe('verification_failed');
    expect(await check('unsubscribe', 'verify-token', '42')).toBe('verification_failed');
    expect(await check('subscribe', undefined, '42')).toBe('verification_failed');
    expect(await check('subscribe', 'verify-token', undefined)).toBe('verification_failed');
    expect(await check('subscribe', 'verify-token', '<b>x</b> y')).toBe('verification_failed');
  });
});
