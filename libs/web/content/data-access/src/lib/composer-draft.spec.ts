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
      spanish: { text: 'Cerrado', title: null, body: null },
      scheduledAt: null,
      variants: [{ channelId: 'c-blog', text: null, title: null, body: null }],
    });
  });

  describe('the Spanish article of an alert going to a blog', () => {
    const alert = {
      ...emptyComposerValue(),
      kind: 'health_alert' as const,
      text: 'Closed today.',
      spanishText: 'Cerrado hoy.',
      spanishTitle: 'Cerrado por la nieve',
      spanishBody: '<p>Llame al <strong>911</strong> en caso de emergencia.</p>',
    };

    it('is sent with its title and body when a blog channel is chosen', () => {
      const request = contentRequestOf({ ...alert, channelIds: ['c-x', 'c-blog'] }, channels, NY);
      expect(request.spanish).toEqual({
        text: 'Cerrado hoy.',
        title: 'Cerrado por la nieve',
        body: '<p>Llame al <strong>911</strong> en caso de emergencia.</p>',
      });
    });

    it('is left out (cleared) when no blog channel is chosen, the Spanish text kept', () => {
      const request = contentRequestOf({ ...alert, channelIds: ['c-x'] }, channels, NY);
      expect(request.spanish).toEqual({ text: 'Cerrado hoy.', title: null, body: null });
    });

    it('is sent even before the Spanish text is written', () => {
      const request = contentRequestOf(
        { ...alert, spanishText: '', spanishBody: '', channelIds: ['c-blog'] },
        channels,
        NY,
      );
      expect(request.spanish).toEqual({ text: '', title: 'Cerrado por la nieve', body: null });
    });

    it('is checked under the fields the server names (spanish.title, spanish.body as HTML)', () => {
      const input = checkInputOf({ ...alert, channelIds: ['c-blog'] }, channels);
      expect(
        input.texts.filter((t) => t.field.startsWith('spanish.')).map((t) => [t.field, t.format]),
      ).toEqual([
        ['spanish.text', undefined],
        ['spanish.title', undefined],
        ['spanish.body', 'html'],
      ]);
    });

    it('comes back from a saved post', () => {
      const value = composerValueOf(
        aPostDetail({
          kind: 'health_alert',
          urgency: 'urgent',
          spanish: { text: 'Cerrado hoy.', title: 'Cerrado', body: '<p>Hoy no abrimos.</p>' },
        }),
        NY,
      );
      expect(value).toMatchObject({ spanishTitle: 'Cerrado', spanishBody: '<p>Hoy no abrimos.</p>' });
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
