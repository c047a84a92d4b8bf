import type { PostSnapshot } from '@carecast/shared/contracts';
import { canonicalJson, contentHashOf, sameSnapshot } from './content-hash';

const base: PostSnapshot = {
  kind: 'health_alert',
  urgency: 'urgent',
  validFrom: '2030-01-01T08:00:00.000Z',
  validUntil: '2030-01-02T08:00:00.000Z',
  allClearText: 'We are open again.',
  text: 'Closed today because of the storm.',
  link: 'https://riverside.example/storm',
  tags: ['weather'],
  variants: [
    {
      channelId: 'a0000000-0000-4000-8000-000000000001',
      channelKind: 'x_account',
      text: 'Closed today.',
      title: null,
      body: null,
    },
    {
      channelId: 'a0000000-0000-4000-8000-000000000002',
      channelKind: 'carecast_blog',
      text: null,
      title: 'Closed today',
      body: '<p>Closed.</p>',
    },
  ],
  images: [
    {
      mediaId: 'b0000000-0000-4000-8000-000000000001',
      sha256: 'aa',
      altText: 'Snow on the car park',
      decorative: false,
    },
    { mediaId: 'b0000000-0000-4000-8000-000000000002', sha256: 'bb', altText: null, decorative: true },
  ],
  spanish: { text: 'Cerrado hoy por la tormenta.', title: null, body: null },
  scheduledAt: '2030-01-01T07:00:00.000Z',
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, null])).toBe('[null,null]');
    expect(canonicalJson('é "quoted"')).toBe('"é \\"quoted\\""');
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson(Infinity)).toThrow(/finite/);
  });
});

describe('contentHashOf', () => {
  const hash = contentHashOf(base);

  it('is pinned: the format of the hash does not change unnoticed (approvals are tied to it)', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHashOf({ ...base })).toBe(hash);
    expect(hash).toBe(KNOWN_HASH);
  });

  it('does not depend on the order of the channels or of keys', () => {
    const reordered: PostSnapshot = {
      ...base,
      variants: [...base.variants].reverse().map((v) => ({
        body: v.body,
        title: v.title,
        text: v.text,
        channelKind: v.channelKind,
        channelId: v.channelId,
      })),
    };
    expect(contentHashOf(reordered)).toBe(hash);
  });

  it('leaves the campaign tags out (they are never published)', () => {
    expect(contentHashOf({ ...base, tags: ['other', 'tags'] })).toBe(hash);
    expect(sameSnapshot(base, { ...base, tags: ['other'] })).toBe(false);
    expect(sameSnapshot(base, { ...base })).toBe(true);
  });

  it('changes with anything that would be published', () => {
    const changes: Array<Partial<PostSnapshot>> = [
      { kind: 'post' },
      { urgency: 'emergency' },
      { validFrom: '2030-01-01T08:00:01.000Z' },
      { validUntil: null },
      { allClearText: null },
      { text: 'Closed today because of the storm!' },
      { text: 'Closed today because of the storm. ' },
      { link: null },
      { variants: base.variants.slice(0, 1) },
      { variants: [{ ...base.variants[0], text: null }, base.variants[1]] },
      { variants: [base.variants[0], { ...base.variants[1], body: '<p>Closed!</p>' }] },
      { variants: [base.variants[0], { ...base.variants[1], title: 'Open' }] },
      { images: [...base.images].reverse() },
      { images: [{ ...base.images[0], sha256: 'cc' }, base.images[1]] },
      { images: [{ ...base.images[0], altText: 'Snow' }, base.images[1]] },
      { images: [base.images[0], { ...base.images[1], decorative: false }] },
      { spanish: null },
      { spanish: { text: 'Cerrado hoy.', title: null, body: null } },
      { scheduledAt: null },
    ];
    const hashes = changes.map((c) => contentHashOf({ ...base, ...c }));
    for (const h of hashes) expect(h).not.toBe(hash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});

/**
 * The hash of `base`, computed apart from this code: SHA-256 of Python's
 * `json.dumps(["carecast.post.content", 1, content], sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False)` over the published content (no tags).
 */
const KNOWN_HASH = 'ce3581cc86d3cb0f08e8aac5be72b6de8744e7f062961768aea53686c0c289ec';
