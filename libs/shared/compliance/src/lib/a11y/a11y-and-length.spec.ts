import { checkContent } from '../check-content';
import type { ContentCheckInput } from '../check-types';
import { PRACTICE, findingsOf, postInput, spanned } from '../../testing/check-fixtures';
import { readingLevel } from './readability';
import { splitWords } from './hashtag-case';

const rulesOf = (input: ContentCheckInput, ctx = PRACTICE) => checkContent(input, ctx).map((f) => f.rule);

describe('a11y.alt_text', () => {
  const withImages = (media: ContentCheckInput['media']) =>
    checkContent(postInput('Flu shots today.', { media }), PRACTICE);

  it.each([null, '', '   ', 'IMG_2041.jpg', 'photo'])('blocks an image whose alt text is %j', (altText) => {
    expect(withImages([{ field: 'media.0.altText', altText, decorative: false }])).toEqual([
      expect.objectContaining({
        rule: 'a11y.alt_text',
        severity: 'block',
        field: 'media.0.altText',
        span: null,
      }),
    ]);
  });

  it('passes a described image and a decorative one', () => {
    expect(
      withImages([
        { field: 'media.0.altText', altText: 'A nurse gives a child a flu shot', decorative: false },
        { field: 'media.1.altText', altText: null, decorative: true },
      ]),
    ).toEqual([]);
  });

  it('checks alt text for identifiers too', () => {
    const found = withImages([
      {
        field: 'media.0.altText',
        altText: 'Our patient John Smith after his knee surgery',
        decorative: false,
      },
    ]);
    expect(found).toEqual([
      expect.objectContaining({ rule: 'phi.name', field: 'media.0.altText', excerpt: 'John Smith' }),
    ]);
  });
});

describe('a11y.hashtag_case', () => {
  it.each([
    ['Get ready! #flushotfacts', '#flushotfacts', '#FluShotFacts'],
    ['Stay cool #heatwave', '#heatwave', '#HeatWave'],
    ['#SELFCARE sunday', '#SELFCARE', '#SelfCare'],
  ])('warns about %s', (text, excerpt, fix) => {
    const found = findingsOf('a11y.hashtag_case', text);
    expect(spanned(text, found)).toEqual([excerpt]);
    expect(found[0].severity).toBe('warn');
    expect(found[0].suggestion).toContain(fix);
  });

  it.each(['#FluShotFacts', '#flu', '#vaccines', '#together', '#Springfield', '#immunization', 'AT&T#1'])(
    'leaves %s alone',
    (text) => expect(findingsOf('a11y.hashtag_case', text)).toEqual([]),
  );

  it('splits into the fewest known words', () => {
    expect(splitWords('flushotfacts')).toEqual(['flu', 'shot', 'facts']);
    expect(splitWords('xqzv')).toBeNull();
  });
});

describe('readability.grade', () => {
  const hard =
    'Comprehensive immunization against seasonal influenza substantially diminishes hospitalization probability, particularly among individuals experiencing chronic cardiopulmonary conditions.';
  const easy =
    'Flu shots are here. They are quick and free. Come in any day this week. Bring the kids too. We open at eight.';

  it('warns above grade 8 with the grade in the message', () => {
    const found = findingsOf('readability.grade', hard);
    expect(found).toEqual([expect.objectContaining({ severity: 'warn', span: null })]);
    expect(found[0].message).toMatch(/grade \d+/);
    expect(readingLevel(hard).grade).toBeGreaterThan(8);
  });

  it('passes plain words, short texts and Spanish, and follows the configured grade', () => {
    expect(findingsOf('readability.grade', easy)).toEqual([]);
    expect(readingLevel(easy).grade).toBeLessThan(6);
    expect(findingsOf('readability.grade', 'Immunization hospitalization cardiopulmonary.')).toEqual([]);
    const spanish = {
      ...postInput(hard),
      texts: [{ field: 'spanish.text', text: hard, channel: null, language: 'es' as const }],
    };
    expect(rulesOf(spanish)).not.toContain('readability.grade');
    expect(
      checkContent(postInput(hard), PRACTICE, { maxReadingGrade: 100 }).map((f) => f.rule),
    ).not.toContain('readability.grade');
  });
});

describe('length.x and length.facebook', () => {
  const onX = (text: string, more: Partial<ContentCheckInput> = {}) =>
    checkContent(
      {
        ...postInput(''),
        texts: [{ field: 'variants.x_account.text', text, channel: 'x_account', language: 'en' }],
        ...more,
      },
      PRACTICE,
    ).filter((f) => f.rule === 'length.x');

  it('blocks over 280 weighted characters and points at the overflow', () => {
    const text = 'a'.repeat(300);
    expect(onX(text)).toEqual([
      expect.objectContaining({ severity: 'block', span: { start: 280, end: 300 } }),
    ]);
    expect(onX('a'.repeat(280))).toEqual([]);
  });

  it('weighs as X does: emoji 2, a link 23, and counts the link and disclosures', () => {
    expect(onX('😀'.repeat(141))).toHaveLength(1);
    expect(onX('😀'.repeat(140))).toEqual([]);
    const text = 'a'.repeat(250);
    expect(onX(text)).toEqual([]);
    expect(onX(text, { link: 'https://riversidefm.example/a-very-long-page-address-indeed' })).toHaveLength(
      1,
    );
    expect(onX(text, { disclosures: ['Not medical advice; in an emergency call 911.'] })).toEqual([
      expect.objectContaining({ span: null }),
    ]);
  });

  it('checks the base text against the channels without a variant of their own', () => {
    const long = 'b'.repeat(400);
    const input = { ...postInput(long), channels: ['x_account' as const, 'facebook_page' as const] };
    expect(rulesOf(input).filter((r) => r.startsWith('length.'))).toEqual(['length.x']);
    const withVariant = {
      ...input,
      texts: [
        ...input.texts,
        {
          field: 'variants.x_account.text',
          text: 'short',
          channel: 'x_account' as const,
          language: 'en' as const,
        },
      ],
    };
    expect(rulesOf(withVariant).filter((r) => r.startsWith('length.'))).toEqual([]);
  });

  it('blocks Facebook texts over 63,206 characters', () => {
    const fb = (text: string) =>
      checkContent(
        {
          ...postInput(''),
          texts: [{ field: 'variants.facebook_page.text', text, channel: 'facebook_page', language: 'en' }],
        },
        PRACTICE,
      ).filter((f) => f.rule === 'length.facebook');
    expect(fb('x'.repeat(63_206))).toEqual([]);
    expect(fb('x'.repeat(63_207))).toEqual([
      expect.objectContaining({ severity: 'block', span: { start: 63_206, end: 63_207 } }),
    ]);
  });
});

describe('alert.spanish_required', () => {
  const alert = (texts: ContentCheckInput['texts']) => ({
    kind: 'health_alert' as const,
    urgency: 'urgent' as const,
    texts,
    media: [],
    link: null,
  });
  const en = {
    field: 'base.text',
    text: 'Office closed today for snow.',
    channel: null,
    language: 'en' as const,
  };
  const es = {
    field: 'spanish.text',
    text: 'Oficina cerrada hoy por la nieve.',
    channel: null,
    language: 'es' as const,
  };
  const requiring = { ...PRACTICE, requireSpanishForAlerts: true };

  it('blocks an alert without Spanish when the practice requires it', () => {
    expect(checkContent(alert([en]), requiring)).toEqual([
      expect.objectContaining({ rule: 'alert.spanish_required', severity: 'block', field: 'spanish.text' }),
    ]);
    expect(rulesOf(alert([en, { ...es, text: '  ' }]), requiring)).toContain('alert.spanish_required');
  });

  it('passes with Spanish, without the setting, and for ordinary posts', () => {
    expect(rulesOf(alert([en, es]), requiring)).toEqual([]);
    expect(rulesOf(alert([en]))).toEqual([]);
    expect(rulesOf(postInput('Office closed today for snow.'), requiring)).toEqual([]);
  });

  it('checks the Spanish text as well', () => {
    const text = 'Nuestra paciente Rosa Jiménez terminó su tratamiento.';
    expect(checkContent(alert([en, { ...es, text }]), requiring)).toEqual([
      expect.objectContaining({ rule: 'phi.name', field: 'spanish.text', excerpt: 'Rosa Jiménez' }),
    ]);
  });
});

describe('checkContent', () => {
  it('reads a blog body as HTML with spans into the original markup', () => {
    const html = '<p>Our patient <strong>John Smith</strong> had knee surgery &amp; is home.</p>';
    const found = checkContent(
      {
        ...postInput(''),
        texts: [
          {
            field: 'variants.wordpress_blog.body',
            text: html,
            channel: 'wordpress_blog',
            language: 'en',
            format: 'html',
          },
        ],
      },
      PRACTICE,
    );
    expect(found).toEqual([expect.objectContaining({ rule: 'phi.name', excerpt: 'John Smith' })]);
    const span = found[0].span ?? { start: 0, end: 0 };
    expect(html.slice(span.start, span.end)).toBe('John Smith');
  });

  it('skips the rules it is told to skip', () => {
    const input = postInput('Get ready #flushotfacts, it is guaranteed!');
    expect(rulesOf(input)).toEqual(['claims.unsupported', 'a11y.hashtag_case']);
    expect(checkContent(input, PRACTICE, { skipRules: ['a11y.hashtag_case'] }).map((f) => f.rule)).toEqual([
      'claims.unsupported',
    ]);
  });
});
