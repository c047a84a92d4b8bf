import type { Finding, PostSnapshot } from '@carecast/shared/contracts';
import { complianceInputOf, distinctFindings } from './compliance-input';

const X = 'c0000000-0000-4000-8000-000000000001';
const FB = 'c0000000-0000-4000-8000-000000000002';
const BLOG = 'c0000000-0000-4000-8000-000000000003';

const post: PostSnapshot = {
  kind: 'health_alert',
  urgency: 'urgent',
  validFrom: null,
  validUntil: null,
  allClearText: 'Open again.',
  text: 'Closed today.',
  link: 'https://riverside.example',
  tags: ['x'],
  variants: [
    { channelId: X, channelKind: 'x_account', text: 'Closed!', title: null, body: null },
    { channelId: FB, channelKind: 'facebook_page', text: null, title: null, body: null },
    { channelId: BLOG, channelKind: 'wordpress_blog', text: null, title: 'Closed', body: '<p>Closed.</p>' },
  ],
  images: [{ mediaId: 'm', sha256: 's', altText: null, decorative: false }],
  spanish: { text: 'Cerrado hoy.', title: null, body: null },
  scheduledAt: null,
};

describe('complianceInputOf', () => {
  it('checks every text that would be published, named by its field, for the platform it goes to', () => {
    const input = complianceInputOf(post);
    expect(input.texts.map((t) => [t.field, t.channel, t.language, t.format ?? 'plain'])).toEqual([
      ['base.text', null, 'en', 'plain'],
      [`variants.${X}.text`, 'x_account', 'en', 'plain'],
      ['base.text', 'facebook_page', 'en', 'plain'],
      [`variants.${BLOG}.title`, 'wordpress_blog', 'en', 'plain'],
      [`variants.${BLOG}.body`, 'wordpress_blog', 'en', 'html'],
      ['allClearText', null, 'en', 'plain'],
      ['spanish.text', null, 'es', 'plain'],
      ['spanish.text', 'x_account', 'es', 'plain'],
      ['spanish.text', 'facebook_page', 'es', 'plain'],
    ]);
    expect(input.media).toEqual([{ field: 'media.0.altText', altText: null, decorative: false }]);
    expect(input).toMatchObject({
      kind: 'health_alert',
      urgency: 'urgent',
      link: 'https://riverside.example',
    });
  });

  it('checks the base text once per platform, however many channels of that platform use it', () => {
    const ids = Array.from(
      { length: 20 },
      (_, i) => `c0000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
    );
    const input = complianceInputOf({
      ...post,
      variants: ids.map((channelId, i) => ({
        channelId,
        channelKind: i % 2 ? 'x_account' : 'facebook_page',
        text: null,
        title: null,
        body: null,
      })),
      spanish: null,
      allClearText: null,
    });
    expect(input.texts.map((t) => [t.field, t.channel])).toEqual([
      ['base.text', null],
      ['base.text', 'facebook_page'],
      ['base.text', 'x_account'],
    ]);
  });
});

describe('distinctFindings', () => {
  it('keeps one of each finding found again for another platform', () => {
    const f = (rule: Finding['rule'], start: number): Finding => ({
      rule,
      severity: 'block',
      message: 'm',
      field: 'base.text',
      span: { start, end: start + 3 },
      excerpt: 'abc',
      suggestion: null,
    });
    expect(
      distinctFindings([f('phi.phone', 0), f('phi.phone', 0), f('phi.phone', 5), f('length.x', 0)]),
    ).toEqual([f('phi.phone', 0), f('phi.phone', 5), f('length.x', 0)]);
  });
});
