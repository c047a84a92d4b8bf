import {
  bodyHtmlOf,
  excerptOf,
  httpUrl,
  numberedSlug,
  paragraphs,
  sanitizeBody,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  slugOf,
  titleOf,
  truncate,
} from './blog-text';

describe('blog text', () => {
  describe('slugOf', () => {
    it.each([
      ['Flu shots are here!', 'flu-shots-are-here'],
      ['  Café & crème brûlée: 2026 ', 'cafe-and-creme-brulee-2026'],
      ['Flu shots are here <b>now</b>', 'flu-shots-are-here-b-now-b'],
      ['???', 'post'],
      ['', 'post'],
      ['COVID-19 -- boosters', 'covid-19-boosters'],
    ])('%j → %j', (title, slug) => {
      expect(slugOf(title)).toBe(slug);
      expect(slug).toMatch(SLUG_PATTERN);
    });

    it('cuts long titles at a word boundary, within the limit', () => {
      const slug = slugOf('Seasonal allergy season starts early this year '.repeat(5));
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.endsWith('-')).toBe(false);
      expect('seasonal-allergy-season-starts-early-this-year-'.repeat(5)).toContain(`${slug}-`);
    });

    it('numbers alternatives of a taken slug, staying within the limit', () => {
      expect(numberedSlug('flu', 1)).toBe('flu');
      expect(numberedSlug('flu', 2)).toBe('flu-2');
      const long = 'a'.repeat(SLUG_MAX_LENGTH);
      expect(numberedSlug(long, 12)).toHaveLength(SLUG_MAX_LENGTH);
      expect(numberedSlug(long, 12)).toMatch(/-12$/);
    });
  });

  it('takes the given title, else the first non-empty line, shortened at a word', () => {
    expect(titleOf('body', '  Given  ')).toBe('Given');
    expect(titleOf('\n\nFirst line\nsecond')).toBe('First line');
    const long = titleOf(`${'word '.repeat(40)}\nrest`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('word…')).toBe(true);
    expect(truncate('short', 10)).toBe('short');
  });

  it('turns text into escaped paragraphs with line breaks', () => {
    expect(paragraphs('One <b>&</b>\nline two\r\n\r\n\n Two "q" ')).toBe(
      '<p>One &lt;b&gt;&amp;&lt;/b&gt;<br>line two</p>\n<p>Two &quot;q&quot;</p>',
    );
  });

  it('keeps only safe markup in a body', () => {
    const dirty =
      '<p onclick="x()">Hi <script>alert(1)</script><img src=x onerror=y><a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">ok</a><iframe src="https://evil"></iframe></p>';
    const clean = sanitizeBody(dirty);
    expect(clean).toBe(
      '<p>Hi <a rel="noopener noreferrer">bad</a> <a href="https://ok.example/" rel="noopener noreferrer">ok</a></p>',
    );
  });

  it('makes a body from text and link, nothing of the text becoming markup', () => {
    expect(bodyHtmlOf('Hello <script>x</script>', 'https://example.org/?a=1&b="2"')).toBe(
      '<p>Hello &lt;script&gt;x&lt;/script&gt;</p>\n<p><a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">https://example.org/?a=1&amp;b="2"</a></p>',
    );
  });

  it('summarises without repeating a title taken from the first line', () => {
    expect(excerptOf('Flu shots\nWalk in any weekday.\n\nBring your card.', 'Flu shots')).toBe(
      'Walk in any weekday. Bring your card.',
    );
    expect(excerptOf('Walk in any weekday.', 'Flu shots')).toBe('Walk in any weekday.');
    expect(excerptOf('Only a title', 'Only a title')).toBe('Only a title');
    expect(excerptOf(`Title\n${'long words '.repeat(50)}`, 'Title').length).toBeLessThanOrEqual(240);
  });

  it('accepts only absolute http(s) links', () => {
    expect(httpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('/relative')).toBeNull();
    expect(httpUrl('')).toBeNull();
  });
});
