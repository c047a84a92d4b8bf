import { aContentSettings, aPostDetail } from '../testing/post.fixtures';
import {
  checkContextOf,
  checkInputOf,
  composerValueOf,
  contentRequestOf,
  emptyComposerValue,
  liveFindingsOf,
  type ChannelRef,
} from './composer-draft';

const channels = new Map<string, ChannelRef>([
  ['c-x', { id: 'c-x', kind: 'x_account' }],
  ['c-blog', { id: 'c-blog', kind: 'carecast_blog' }],
]);
const NY = 'America/New_York';

describe('the composer draft', () => {
  it('names each text by the field the server names it with', () => {
    const value = {
      ...emptyComposerValue(),
      kind: 'health_alert' as const,
      text: 'Closed today.',
      spanishText: 'Cerrado hoy.',
      channelIds: ['c-x', 'c-blog'],
      variants: {
        'c-x': { text: 'Closed!', title: null, body: null },
        'c-blog': { text: null, title: 'Closed', body: null },
      },
    };
    const input = checkInputOf(value, channels);
    expect(input.texts.map((t) => [t.field, t.channel, t.language])).toEqual([
      ['base.text', null, 'en'],
      ['variants.c-x.text', 'x_account', 'en'],
      ['variants.c-blog.title', 'carecast_blog', 'en'],
      ['base.text', 'carecast_blog', 'en'],
      ['spanish.text', null, 'es'],
      ['spanish.text', 'x_account', 'es'],
    ]);
  });

  it('sends alert parts only for health alerts, and times as UTC instants', () => {
    const post = contentRequestOf(
      {
        ...emptyComposerValue(),
        text: 'Hi',
        urgency: 'urgent',
        scheduleMode: 'at',
        scheduleDate: '2026-03-02',
        scheduleTime: '09:00',
      },
      channels,
      NY,
    );
    expect(post).toMatchObject({
      kind: 'post',
      urgency: null,
      spanish: null,
      scheduledAt: '2026-03-02T14:00:00.000Z',
    });
    const alert = contentRequestOf(
      {
        ...emptyComposerValue(),
        kind: 'health_alert',
        urgency: 'emergency',
        validFromDate: '2026-03-02',
        validFromTime: '06:10',
        spanishText: 'Cerrado',
        channelIds: ['c-blog', 'gone'],
      },
      channels,
      NY,
    );
    expect(alert).toMatchObject({
      urgency: 'emergency',
      validFrom: '2026-03-02T11:10:00.000Z',
      validUntil: null,
      spanish: { text: 'Cerrado' },
      scheduledAt: null,
      variants: [{ channelId: 'c-blog', text: null, title: null, body: null }],
    });
  });

  it("puts a saved post's times back on the organisation's wall clock", () => {
    const value = composerValueOf(
      aPostDetail({ scheduledAt: '2026-03-02T14:00:00.000Z', images: [], tags: ['flu'] }),
      NY,
    );
    expect(value).toMatchObject({
      scheduleMode: 'at',
      scheduleDate: '2026-03-02',
      scheduleTime: '09:00',
      tags: ['flu'],
    });
  });

  it("finds an identifier as it is typed, but not the practice's own phone number", () => {
    const ctx = checkContextOf('Riverside Family Medicine', aContentSettings());
    const ssn = liveFindingsOf({ ...emptyComposerValue(), text: 'Her SSN is 123-45-6789.' }, channels, ctx);
    expect(
      ssn.some((f) => f.severity === 'block' && f.field === 'base.text' && f.excerpt === '123-45-6789'),
    ).toBe(true);
    const own = liveFindingsOf(
      { ...emptyComposerValue(), text: 'Call us at (555) 010-2000.' },
      channels,
      ctx,
    );
    expect(own.filter((f) => f.rule.startsWith('phi.'))).toEqual([]);
  });
});
