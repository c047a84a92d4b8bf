// Contract tests: Carecast's X adapter against the sandbox's X API v2 emulator, over real HTTP.
import type { IncomingMessage, Server } from 'node:http';
import request from 'supertest';
import type { AppConfig } from '@carecast/server/config';
import {
  AuthError,
  DuplicateError,
  InvalidContentError,
  RetryableError,
  UnknownOutcomeError,
  XAdapter,
  type AdapterContext,
} from '@carecast/server/channels';
import { SystemClock } from '@carecast/server/core';
import { createSandbox } from '../app/sandbox';
import { XState } from '../app/x/x-emulator';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);

describe('X adapter against the X API v2 emulator', () => {
  let server: Server;
  let adapter: XAdapter;
  let ctx: AdapterContext;
  const control = () => request(server);

  /** A new account on the emulator: tests that count what an account holds use their own. */
  async function newAccount(username: string): Promise<AdapterContext> {
    const account = (await control().post('/_sandbox/x/accounts').send({ username, name: username })).body;
    return {
      organisationId: 'o1',
      channelId: `channel-${username}`,
      externalAccountId: account.id,
      credentials: { accessToken: account.accessToken },
      settings: { username },
    };
  }

  beforeAll(async () => {
    server = createSandbox({ x: new XState() }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    adapter = new XAdapter(
      { platforms: { xApiBaseUrl: `http://127.0.0.1:${port}` } } as AppConfig,
      new SystemClock(),
    );
    ctx = await newAccount('riversidefm');
  });

  afterAll(() => new Promise((r) => server.close(r)));

  const failNext = (path: string, failure: object) =>
    control()
      .post('/_sandbox/x/failures')
      .send({ path, ...failure })
      .expect(201);

  it('verifies the credentials and names the account', async () => {
    await expect(adapter.verifyCredentials(ctx)).resolves.toMatchObject({
      externalAccountId: ctx.externalAccountId,
      displayName: '@riversidefm',
    });
  });

  it('publishes a post and gives its id and URL', async () => {
    const result = await adapter.publish(ctx, { text: 'Flu shot clinic this Saturday, 9–12.' });
    expect(result.externalId).toMatch(/^\d+$/);
    expect(result.url).toBe(`https://x.com/riversidefm/status/${result.externalId}`);
    const published = (await control().get(`/_sandbox/x/accounts/${ctx.externalAccountId}/tweets`)).body.data;
    expect(published.map((t: { text: string }) => t.text)).toContain('Flu shot clinic this Saturday, 9–12.');
  });

  it('uploads images with their alt text', async () => {
    const result = await adapter.publish(ctx, {
      text: 'Our new waiting room.',
      images: [{ bytes: PNG, mimeType: 'image/png', altText: 'A bright waiting room with blue chairs' }],
    });
    const tweets = (await control().get(`/_sandbox/x/accounts/${ctx.externalAccountId}/tweets`)).body
      .data as Array<{ id: string; media?: Array<{ altText?: string }> }>;
    const tweet = tweets.find((t) => t.id === result.externalId);
    expect(JSON.stringify(tweet)).toContain('A bright waiting room with blue chairs');
  });

  it('refuses a text over 280 weighted characters before calling X (links count 23)', async () => {
    const text = 'x'.repeat(258) + ' https://example.org/' + 'a'.repeat(100);
    expect(XAdapter.weightedLength(text)).toBe(258 + 1 + 23);
    await expect(adapter.publish(ctx, { text })).rejects.toBeInstanceOf(InvalidContentError);
  });

  it('publishes exactly 280 weighted characters, and refuses 281 itself: X never sees the request', async () => {
    const requests: string[] = [];
    const count = (req: IncomingMessage) => requests.push(`${req.method} ${req.url}`);
    server.prependListener('request', count);
    try {
      const exact = `${'a'.repeat(256)} https://example.org/`;
      expect(XAdapter.weightedLength(exact)).toBe(280);
      await expect(adapter.publish(ctx, { text: exact })).resolves.toMatchObject({
        externalId: expect.stringMatching(/^\d+$/),
      });
      expect(requests.filter((r) => r.startsWith('POST /2/tweets'))).toHaveLength(1);

      requests.length = 0;
      const over = `b${exact}`;
      expect(XAdapter.weightedLength(over)).toBe(281);
      await expect(adapter.publish(ctx, { text: over })).rejects.toBeInstanceOf(InvalidContentError);
      // The link is added to the text: 257 + 1 + 23 is one too many as well.
      await expect(
        adapter.publish(ctx, { text: 'c'.repeat(257), link: 'https://example.org/flu' }),
      ).rejects.toBeInstanceOf(InvalidContentError);
      expect(requests).toEqual([]);
    } finally {
      server.off('request', count);
    }
  });

  it('classifies a duplicate', async () => {
    await adapter.publish(ctx, { text: 'Closed Monday for the holiday.' });
    await expect(adapter.publish(ctx, { text: 'Closed Monday for the holiday.' })).rejects.toBeInstanceOf(
      DuplicateError,
    );
  });

  it('classifies an expired token as an auth error', async () => {
    await expect(
      adapter.publish({ ...ctx, credentials: { accessToken: 'revoked' } }, { text: 'hello' }),
    ).rejects.toBeInstanceOf(AuthError);
  });

  it('classifies a rate limit as retryable, with the wait from the reset header', async () => {
    await failNext('POST /2/tweets', { kind: 'status', status: 429 });
    const err = (await adapter
      .publish(ctx, { text: 'rate limited' })
      .catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });

  it('classifies a server error as retryable', async () => {
    await failNext('POST /2/tweets', { kind: 'status', status: 503 });
    await expect(adapter.publish(ctx, { text: 'server error' })).rejects.toBeInstanceOf(RetryableError);
  });

  it('reports an unknown outcome when the connection drops after X accepted the post', async () => {
    await failNext('POST /2/tweets', { kind: 'drop_after_accept' });
    await expect(adapter.publish(ctx, { text: 'accepted then dropped' })).rejects.toBeInstanceOf(
      UnknownOutcomeError,
    );
    const published = (await control().get(`/_sandbox/x/accounts/${ctx.externalAccountId}/tweets`)).body.data;
    expect(published.map((t: { text: string }) => t.text)).toContain('accepted then dropped');
  });

  it('finds what the account posted since a moment, to confirm an unknown outcome before any retry', async () => {
    const since = new Date(Date.now() - 60_000);
    await failNext('POST /2/tweets', { kind: 'drop_after_accept' });
    await adapter.publish(ctx, { text: 'Flu clinic moved to Friday.' }).catch(() => undefined);
    await adapter.publish(ctx, { text: 'Parking behind the clinic is open again.' });
    const recent = await adapter.findRecent(ctx, since);
    expect(recent.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Flu clinic moved to Friday.', 'Parking behind the clinic is open again.']),
    );
    expect(recent[0].url).toMatch(/^https:\/\/x\.com\/riversidefm\/status\/\d+$/);
    const times = recent.map((p) => p.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await adapter.findRecent(ctx, new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('works with OAuth 1.0a user tokens when the consumer keys are configured, and says so when not', async () => {
    const { port } = server.address() as { port: number };
    const account = (
      await control()
        .post('/_sandbox/x/accounts')
        .send({ username: 'lakesidepeds', name: 'Lakeside', oauth1Token: 'tok-1', oauth1Secret: 'sec-1' })
    ).body;
    const oauth1 = {
      ...ctx,
      externalAccountId: account.id,
      credentials: { oauth1Token: 'tok-1', oauth1Secret: 'sec-1' },
      settings: { username: 'lakesidepeds' },
    };
    const withKeys = new XAdapter(
      {
        platforms: {
          xApiBaseUrl: `http://127.0.0.1:${port}`,
          xOAuth1: { consumerKey: 'consumer', consumerSecret: 'consumer-secret' },
        },
      } as AppConfig,
      new SystemClock(),
    );
    await expect(withKeys.verifyCredentials(oauth1)).resolves.toMatchObject({ displayName: '@lakesidepeds' });
    const posted = await withKeys.publish(oauth1, { text: 'Walk-in hours moved to 8am.' });
    const tweets = (await control().get(`/_sandbox/x/accounts/${account.id}/tweets`)).body.data;
    expect(tweets.map((t: { id: string }) => t.id)).toContain(posted.externalId);
    await expect(adapter.verifyCredentials(oauth1)).rejects.toThrow(/X_CONSUMER_KEY/);
  });

  it('fetches mentions across pages, then only newer ones from the cursor', async () => {
    const mentioned = await newAccount('riversidementions');
    for (let i = 0; i < 120; i++) {
      await control()
        .post('/_sandbox/x/mentions')
        .send({ account: 'riversidementions', authorUsername: `patient${i % 7}`, text: `question ${i}` })
        .expect(201);
    }
    const first = await adapter.fetchMentions(mentioned, null);
    expect(first.mentions).toHaveLength(120);
    expect(new Set(first.mentions.map((m) => m.externalId)).size).toBe(120);
    expect(first.mentions[0].authorName).toMatch(/^@patient\d$/);
    await control()
      .post('/_sandbox/x/mentions')
      .send({ account: 'riversidementions', authorUsername: 'newpatient', text: 'I was billed twice' })
      .expect(201);
    const next = await adapter.fetchMentions(mentioned, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['@riversidementions I was billed twice']);
    expect(BigInt(next.cursor as string)).toBeGreaterThan(BigInt(first.cursor as string));
  });

  it('fetches metrics: likes, replies, reposts plus quotes and impressions; deleted and unknown posts left out', async () => {
    expect(adapter.capabilities.metrics).toBe(true);
    const post = await adapter.publish(ctx, { text: 'Late opening on Thursday until 8pm.' });
    const quiet = await adapter.publish(ctx, { text: 'Parking is free for patients.' });
    const gone = await adapter.publish(ctx, { text: 'Wrong date, sorry.' });
    await adapter.delete(ctx, gone.externalId);
    expect(await adapter.fetchMetrics(ctx, [post.externalId])).toEqual([
      { externalId: post.externalId, reactions: 0, comments: 0, shares: 0, impressions: 0 },
    ]);
    await control()
      .post(`/_sandbox/x/tweets/${post.externalId}/metrics`)
      .send({ likes: 14, retweets: 3, quotes: 2, impressions: 1200 })
      .expect(200);
    for (const text of ['Thank you!', 'Is it every Thursday?']) {
      await control()
        .post('/_sandbox/x/mentions')
        .send({
          account: 'riversidefm',
          authorUsername: 'patient_ray',
          text,
          inReplyToTweetId: post.externalId,
        })
        .expect(201);
    }
    const metrics = await adapter.fetchMetrics(ctx, [
      post.externalId,
      gone.externalId,
      '1234567890123',
      'not-an-x-id',
      quiet.externalId,
      post.externalId,
    ]);
    expect(metrics).toEqual([
      { externalId: post.externalId, reactions: 14, comments: 2, shares: 5, impressions: 1200 },
      { externalId: quiet.externalId, reactions: 0, comments: 0, shares: 0, impressions: 0 },
    ]);
    expect(await adapter.fetchMetrics(ctx, [])).toEqual([]);
    expect(await adapter.fetchMetrics(ctx, [gone.externalId])).toEqual([]);
  });

  it('looks up more than 100 posts in batches of 100', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 230; i++) {
      const res = await control()
        .post('/_sandbox/x/mentions')
        .send({ account: 'riversidefm', authorUsername: 'patient_batch', text: `batch ${i}` })
        .expect(201);
      ids.push(res.body.id);
    }
    await control().post(`/_sandbox/x/tweets/${ids[150]}/metrics`).send({ likes: 7 }).expect(200);
    const metrics = await adapter.fetchMetrics(ctx, ids);
    expect(metrics.map((m) => m.externalId)).toEqual(ids);
    expect(metrics[150].reactions).toBe(7);
  });

  it('classifies errors while fetching metrics: a rate limit is retryable, a refused token an auth error', async () => {
    const post = await adapter.publish(ctx, { text: 'Blood drive on the 14th.' });
    await failNext('GET /2/tweets', { kind: 'status', status: 429 });
    const limited = (await adapter
      .fetchMetrics(ctx, [post.externalId])
      .catch((e: unknown) => e)) as RetryableError;
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    await failNext('GET /2/tweets', { kind: 'status', status: 503 });
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).rejects.toBeInstanceOf(RetryableError);
    await expect(
      adapter.fetchMetrics({ ...ctx, credentials: { accessToken: 'revoked' } }, [post.externalId]),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).resolves.toHaveLength(1);
  });

  it('replies to a mention and deletes a post', async () => {
    await control()
      .post('/_sandbox/x/mentions')
      .send({ account: 'riversidefm', authorUsername: 'patient_kim', text: 'Are you open on Sunday?' })
      .expect(201);
    const mention = (await adapter.fetchMentions(ctx, null)).mentions[0];
    expect(mention.text).toBe('@riversidefm Are you open on Sunday?');
    const reply = await adapter.reply(
      ctx,
      mention.externalId,
      'Thank you for reaching out. Please call our office so we can help.',
    );
    await adapter.delete(ctx, reply.externalId);
    const tweets = (await control().get(`/_sandbox/x/accounts/${ctx.externalAccountId}/tweets`)).body
      .data as Array<{ id: string; deleted?: boolean }>;
    expect(tweets.find((t) => t.id === reply.externalId)?.deleted).toBe(true);
  });
});
