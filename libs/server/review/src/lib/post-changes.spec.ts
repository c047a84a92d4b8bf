import type { PostSnapshot } from '@carecast/shared/contracts';
import { postChanges } from './post-changes';

const BASE: PostSnapshot = {
  kind: 'health_alert',
  urgency: 'emergency',
  validFrom: null,
  validUntil: '2026-03-03T18:00:00.000Z',
  allClearText: 'We are open again.',
  text: 'The clinic is closed today because of snow.',
  link: null,
  tags: ['weather'],
  variants: [
    { channelId: 'ch-x', channelKind: 'x_account', text: null, title: null, body: null },
    {
      channelId: 'ch-blog',
      channelKind: 'carecast_blog',
      text: null,
      title: 'Closed today',
      body: '<p>Snow.</p>',
    },
  ],
  images: [{ mediaId: 'm-1', sha256: 'aaa', altText: 'Snow on the car park', decorative: false }],
  spanish: { text: 'La clínica está cerrada hoy por la nieve.', title: null, body: null },
  scheduledAt: null,
};

describe('postChanges', () => {
  it('finds nothing between a revision and itself', () => {
    expect(postChanges(BASE, structuredClone(BASE))).toEqual([]);
  });

  it('names each changed part with its text before and after, in reading order', () => {
    const after: PostSnapshot = {
      ...BASE,
      text: 'The clinic is closed today and tomorrow because of snow.',
      link: 'https://riverside.example/closures',
      variants: [
        { ...BASE.variants[0], text: 'Closed today and tomorrow (snow).' },
        { ...BASE.variants[1], title: 'Closed today and tomorrow' },
      ],
      spanish: { text: 'La clínica está cerrada hoy y mañana por la nieve.', title: null, body: null },
    };
    expect(postChanges(BASE, after)).toEqual([
      { field: 'text', label: 'Text', before: BASE.text, after: after.text },
      { field: 'link', label: 'Link', before: null, after: 'https://riverside.example/closures' },
      {
        field: 'variants.ch-x.text',
        label: 'X account: text',
        before: null,
        after: 'Closed today and tomorrow (snow).',
      },
      {
        field: 'variants.ch-blog.title',
        label: 'Carecast blog: title',
        before: 'Closed today',
        after: 'Closed today and tomorrow',
      },
      {
        field: 'spanish.text',
        label: 'Spanish text',
        before: BASE.spanish?.text,
        after: 'La clínica está cerrada hoy y mañana por la nieve.',
      },
    ]);
  });

  it('shows a removed channel and a replaced image without their internals', () => {
    const after: PostSnapshot = {
      ...BASE,
      variants: [BASE.variants[0]],
      images: [{ mediaId: 'm-2', sha256: 'bbb', altText: 'Snow on the car park', decorative: false }],
    };
    expect(postChanges(BASE, after)).toEqual([
      { field: 'channels', label: 'Channels', before: 'X account, Carecast blog', after: 'X account' },
      { field: 'media.0', label: 'Image 1', before: 'an image', after: 'another image' },
      { field: 'variants.ch-blog.title', label: 'Carecast blog: title', before: 'Closed today', after: null },
      {
        field: 'variants.ch-blog.body',
        label: 'Carecast blog: article',
        before: '<p>Snow.</p>',
        after: null,
      },
    ]);
  });

  it('sees the same picture uploaded again as no change, and a new alt text as one', () => {
    const again = { ...BASE, images: [{ ...BASE.images[0], mediaId: 'm-9' }] };
    expect(postChanges(BASE, again)).toEqual([]);
    const alt = { ...BASE, images: [{ ...BASE.images[0], altText: 'Snow' }] };
    expect(postChanges(BASE, alt)).toEqual([
      { field: 'media.0.altText', label: 'Image 1: alt text', before: 'Snow on the car park', after: 'Snow' },
    ]);
  });
});
