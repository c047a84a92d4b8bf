import { ValidationError } from '@carecast/server/core';
import type { ChannelKind, FieldViolation, PostSnapshot } from '@carecast/shared/contracts';
import { applyChanges, type ChangeContext, normaliseTags } from './post-changes';

const X = 'c0000000-0000-4000-8000-00000000000x'.replace('x', '1');
const BLOG = 'c0000000-0000-4000-8000-000000000002';
const IMAGE = 'd0000000-0000-4000-8000-000000000001';
const NOW = new Date('2030-01-01T12:00:00Z');

const ctx: ChangeContext = {
  channels: new Map<string, { kind: ChannelKind }>([
    [X, { kind: 'x_account' }],
    [BLOG, { kind: 'wordpress_blog' }],
  ]),
  media: new Map([[IMAGE, { sha256: 'ab12' }]]),
  now: NOW,
};

function violationsOf(fn: () => unknown): FieldViolation[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.violations;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('applyChanges', () => {
  it('makes a new post from a request, with defaults for what is not given', () => {
    expect(applyChanges(null, { kind: 'post', text: 'Hello' }, ctx)).toEqual({
      kind: 'post',
      urgency: null,
      validFrom: null,
      validUntil: null,
      allClearText: null,
      text: 'Hello',
      link: null,
      tags: [],
      variants: [],
      images: [],
      spanish: null,
      scheduledAt: null,
    });
  });

  it('keeps what a change leaves out, and clears what it sets to null', () => {
    const before = applyChanges(
      null,
      {
        kind: 'post',
        text: 'Hello',
        link: 'https://riverside.example',
        tags: ['a'],
        variants: [{ channelId: X }],
      },
      ctx,
    );
    const after = applyChanges(before, { revision: 1, link: null }, ctx);
    expect(after).toEqual({ ...before, link: null });
  });

  it('gives a health alert routine urgency unless told, keeps times as UTC instants, sanitises the Spanish body', () => {
    const alert = applyChanges(
      null,
      {
        kind: 'health_alert',
        text: 'Closed',
        validFrom: '2030-01-02T09:00:00+02:00',
        validUntil: '2030-01-03',
        spanish: { text: 'Cerrado', title: '  ', body: '<p>Cerrado<script>x()</script></p>' },
      },
      ctx,
    );
    expect(alert).toMatchObject({
      urgency: 'routine',
      validFrom: '2030-01-02T07:00:00.000Z',
      validUntil: '2030-01-03T00:00:00.000Z',
      spanish: { text: 'Cerrado', title: null, body: '<p>Cerrado</p>' },
    });
  });

  it('drops the alert parts when an alert becomes a plain post, and refuses them on a post', () => {
    const alert = applyChanges(
      null,
      { kind: 'health_alert', text: 'x', urgency: 'emergency', allClearText: 'Over' },
      ctx,
    );
    expect(applyChanges(alert, { revision: 1, kind: 'post' }, ctx)).toMatchObject({
      urgency: null,
      allClearText: null,
    });
    expect(
      violationsOf(() => applyChanges(null, { kind: 'post', allClearText: 'Over', urgency: 'urgent' }, ctx)),
    ).toEqual([
      expect.objectContaining({ field: 'urgency', rule: 'healthAlertOnly' }),
      expect.objectContaining({ field: 'allClearText', rule: 'healthAlertOnly' }),
    ]);
  });

  it('refuses a validity period that ends before it starts, or ends when it starts', () => {
    for (const validUntil of ['2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z'])
      expect(
        violationsOf(() =>
          applyChanges(null, { kind: 'health_alert', validFrom: '2030-01-02T00:00:00Z', validUntil }, ctx),
        ),
      ).toEqual([expect.objectContaining({ field: 'validUntil', rule: 'afterValidFrom' })]);
  });

  it('refuses a new scheduled time in the past or within the minute, but keeps one already saved', () => {
    for (const scheduledAt of ['2029-12-31T12:00:00Z', '2030-01-01T12:00:30Z'])
      expect(violationsOf(() => applyChanges(null, { kind: 'post', scheduledAt }, ctx))).toEqual([
        expect.objectContaining({ field: 'scheduledAt', rule: 'inFuture' }),
      ]);
    const scheduled = applyChanges(null, { kind: 'post', scheduledAt: '2030-01-01T13:00:00Z' }, ctx);
    const later = { ...ctx, now: new Date('2030-01-02T00:00:00Z') };
    expect(
      applyChanges(
        scheduled,
        { revision: 1, text: 'Edited', scheduledAt: '2030-01-01T13:00:00.000Z' },
        later,
      ),
    ).toMatchObject({
      scheduledAt: '2030-01-01T13:00:00.000Z',
    });
  });

  it('gives blog channels a title and a sanitised body, and refuses them elsewhere', () => {
    const post = applyChanges(
      null,
      {
        kind: 'post',
        variants: [
          {
            channelId: BLOG,
            title: '  Flu shots  ',
            body: '<h2 style="x">Flu</h2><iframe src="https://evil.example"></iframe>',
          },
          { channelId: X, text: '   ' },
        ],
      },
      ctx,
    );
    expect(post.variants).toEqual([
      {
        channelId: BLOG,
        channelKind: 'wordpress_blog',
        text: null,
        title: 'Flu shots',
        body: '<h2>Flu</h2>',
      },
      { channelId: X, channelKind: 'x_account', text: null, title: null, body: null },
    ]);
    expect(
      violationsOf(() =>
        applyChanges(null, { kind: 'post', variants: [{ channelId: X, title: 'T', body: '<p>B</p>' }] }, ctx),
      ),
    ).toEqual([
      expect.objectContaining({ field: 'variants.0.title', rule: 'blogOnly' }),
      expect.objectContaining({ field: 'variants.0.body', rule: 'blogOnly' }),
    ]);
  });

  it("refuses channels and images that are not the organisation's, and each twice", () => {
    const stranger = 'e0000000-0000-4000-8000-000000000001';
    expect(
      violationsOf(() =>
        applyChanges(
          null,
          {
            kind: 'post',
            variants: [{ channelId: stranger }, { channelId: X }, { channelId: X }],
            images: [{ mediaId: stranger }, { mediaId: IMAGE }, { mediaId: IMAGE }],
          },
          ctx,
        ),
      ),
    ).toEqual([
      expect.objectContaining({ field: 'variants.0.channelId', rule: 'channelOfOrganisation' }),
      expect.objectContaining({ field: 'variants.2.channelId', rule: 'unique' }),
      expect.objectContaining({ field: 'images.0.mediaId', rule: 'mediaOfOrganisation' }),
      expect.objectContaining({ field: 'images.2.mediaId', rule: 'unique' }),
    ]);
  });

  it('ties each image to its stored bytes and trims its alt text', () => {
    const post = applyChanges(
      null,
      { kind: 'post', images: [{ mediaId: IMAGE, altText: '  A nurse  ' }] },
      ctx,
    );
    expect(post.images).toEqual([{ mediaId: IMAGE, sha256: 'ab12', altText: 'A nurse', decorative: false }]);
  });

  it('refuses more than four images and more than twenty tags', () => {
    const images = Array.from({ length: 5 }, () => ({ mediaId: IMAGE, decorative: true }));
    expect(violationsOf(() => applyChanges(null, { kind: 'post', images }, ctx))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'images', rule: 'maxImages' })]),
    );
    const tags = Array.from({ length: 21 }, (_, i) => `tag${i}`);
    expect(violationsOf(() => applyChanges(null, { kind: 'post', tags }, ctx))).toEqual([
      expect.objectContaining({ field: 'tags', rule: 'maxTags' }),
    ]);
  });

  it('refuses a blog body that hides a control character in a character reference (&#1;)', () => {
    // The request's check sees "&#1;", harmless text; the HTML reader turns it into U+0001.
    expect(
      violationsOf(() =>
        applyChanges(
          null,
          { kind: 'post', text: 'x', variants: [{ channelId: BLOG, title: 'T', body: '<p>a&#1;b</p>' }] },
          ctx,
        ),
      ),
    ).toEqual([expect.objectContaining({ field: 'variants.0.body', rule: 'noControlCharacters' })]);
    expect(
      violationsOf(() =>
        applyChanges(
          null,
          { kind: 'health_alert', text: 'x', spanish: { text: 'hola', body: '<p>a&#x7;b</p>' } },
          ctx,
        ),
      ),
    ).toEqual([expect.objectContaining({ field: 'spanish.body', rule: 'noControlCharacters' })]);
    // Line breaks and tabs written that way are text like any other.
    const ok = applyChanges(
      null,
      { kind: 'post', text: 'x', variants: [{ channelId: BLOG, title: 'T', body: '<p>a&#10;b&#9;c</p>' }] },
      ctx,
    );
    expect(ok.variants[0].body).toBe('<p>a\nb\tc</p>');
  });

  it('changes nothing it was given when it refuses', () => {
    const before: PostSnapshot = applyChanges(null, { kind: 'post', text: 'Kept' }, ctx);
    const copy = JSON.parse(JSON.stringify(before));
    violationsOf(() => applyChanges(before, { revision: 1, text: 'New', urgency: 'urgent' }, ctx));
    expect(before).toEqual(copy);
  });
});

describe('normaliseTags', () => {
  it('collapses spaces, drops blanks and repeats (ignoring case), keeps the first spelling', () => {
    expect(normaliseTags([' Flu  Season ', 'flu season', '', '  ', 'Vaccines'])).toEqual([
      'Flu Season',
      'Vaccines',
    ]);
  });
});
