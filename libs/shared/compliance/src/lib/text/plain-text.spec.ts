import { PRACTICE } from '../../testing/check-fixtures';
import { checkContent } from '../check-content';
import { htmlToPlainKeepingOffsets } from './plain-text';

const blogFindings = (body: string) =>
  checkContent(
    {
      kind: 'post',
      texts: [
        { field: 'variants.blog.body', text: body, channel: 'carecast_blog', language: 'en', format: 'html' },
      ],
      media: [],
      link: null,
    },
    PRACTICE,
  );

describe('htmlToPlainKeepingOffsets', () => {
  it('keeps every character at its offset: tags become spaces, block tags a line break', () => {
    const html = '<p>Flu <strong>shots</strong> &amp; more</p>';
    const plain = htmlToPlainKeepingOffsets(html);
    expect(plain).toHaveLength(html.length);
    expect(plain.slice(html.indexOf('shots'), html.indexOf('shots') + 5)).toBe('shots');
    expect(plain.replace(/\s+/g, ' ').trim()).toBe('Flu shots & more');
  });

  it('reads a blog body of the largest size quickly whatever its markup (a tag never closed...)', () => {
    for (const html of ['<'.repeat(200_000), '<p'.repeat(100_000), '<a href="x"'.repeat(18_000)]) {
      const started = performance.now();
      expect(htmlToPlainKeepingOffsets(html)).toHaveLength(html.length);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('keeps where a link goes, in place, since it is published with the article', () => {
    const html = '<p>Write <a href="mailto:jane.doe@gmail.com" rel="noopener">to her</a>.</p>';
    const plain = htmlToPlainKeepingOffsets(html);
    expect(plain).toHaveLength(html.length);
    const at = html.indexOf('mailto:');
    expect(plain.slice(at, at + 'mailto:jane.doe@gmail.com'.length)).toBe('mailto:jane.doe@gmail.com');
    expect(plain).not.toContain('href');
    expect(plain).not.toContain('noopener');
  });
});

describe('the privacy checks read where a blog link goes', () => {
  it('finds a personal e-mail address or a person’s page behind a link, spanned in the HTML', () => {
    const email = '<p>Send her your wishes <a href="mailto:jane.doe@gmail.com">here</a>.</p>';
    const found = blogFindings(email).filter((f) => f.rule === 'phi.email');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ excerpt: 'jane.doe@gmail.com' });
    const { start, end } = found[0].span ?? { start: 0, end: 0 };
    expect(email.slice(start, end)).toBe('jane.doe@gmail.com');

    const fundraiser =
      '<p>Our patient needs help: <a href="https://www.gofundme.com/f/jane-doe-surgery">give</a>.</p>';
    expect(blogFindings(fundraiser).map((f) => f.rule)).toContain('phi.url');

    const record = '<p>See <a href="https://portal.example/patients/12345">the record</a>.</p>';
    expect(blogFindings(record).map((f) => f.rule)).toContain('phi.url');
  });

  it('leaves the practice’s own links alone', () => {
    const own =
      '<p>Book <a href="https://riversidefm.example/flu">online</a> or <a href="mailto:info@riversidefm.example">write</a>.</p>';
    expect(blogFindings(own).filter((f) => f.rule.startsWith('phi.'))).toEqual([]);
  });
});
