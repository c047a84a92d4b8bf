import type { AppConfig } from '@carecast/server/config';
import type { BlogComment, BlogOrganisation, BlogPost } from './blog.types';
import { threadsOf } from './blog-comments.service';
import { BlogPages } from './blog-pages';

const site: BlogOrganisation = {
  id: 'org-1',
  slug: 'riverside',
  name: 'Riverside <Family> Medicine',
  timeZone: 'America/New_York',
};
const pages = new BlogPages({ http: { publicUrl: 'https://care.example' } } as AppConfig);

const post = (n: number, extra: Partial<BlogPost> = {}): BlogPost => ({
  id: `post-${n}`,
  organisationId: site.id,
  channelId: 'ch',
  slug: `post-${n}`,
  title: `Post ${n} <script>alert(1)</script>`,
  sourceText: 'text',
  bodyHtml: '<p>Sanitised <strong>body</strong></p>',
  excerpt: 'An "excerpt" & more',
  link: null,
  // 02:00 UTC on 1 March is still 28 February in New York.
  publishedAt: new Date('2026-03-01T02:00:00Z'),
  images: [],
  ...extra,
});

const comment = (id: string, parentId: string | null, extra: Partial<BlogComment> = {}): BlogComment => ({
  id,
  seq: Number(id.replace(/\D/g, '')) || 1,
  organisationId: site.id,
  postId: 'post-1',
  parentId,
  authorName: `Visitor ${id}`,
  authorEmail: 'secret@example.com',
  body: `Comment ${id} <img src=x onerror=alert(1)>\nsecond line`,
  status: 'approved',
  fromPractice: false,
  ipHash: 'hash',
  createdAt: new Date('2026-03-02T15:00:00Z'),
  ...extra,
});

/** Structural accessibility checks that need no browser. */
function expectAccessible(page: string): void {
  expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  expect(page).not.toMatch(/<script/i);
  expect(page.match(/<main\b/g)).toHaveLength(1);
  const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
  expect(levels[0]).toBe(1);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  levels.forEach((l, i) => i > 0 && expect(l).toBeLessThanOrEqual(levels[i - 1] + 1));
  for (const img of page.match(/<img\b[^>]*>/g) ?? []) expect(img).toMatch(/\salt="[^"]*"/);
  for (const [, id] of page.matchAll(/<(?:input|textarea)\b[^>]*\bid="([^"]+)"/g))
    expect(page).toContain(`<label for="${id}">`);
  expect(page).toContain(':focus-visible{outline:3px solid');
}

describe('BlogPages', () => {
  it('lists posts newest first with escaped titles, dates in the practice time zone and paging links', () => {
    const page = pages.index(site, { posts: [post(2), post(1)], page: 2, pages: 3 });
    expectAccessible(page);
    expect(page).toContain('<title>Riverside &lt;Family&gt; Medicine blog – page 2</title>');
    expect(page).toContain(
      '<a href="/blog/riverside/post-2">Post 2 &lt;script&gt;alert(1)&lt;/script&gt;</a>',
    );
    expect(page.indexOf('post-2')).toBeLessThan(page.indexOf('post-1'));
    expect(page).toContain('<time datetime="2026-03-01T02:00:00.000Z">February 28, 2026</time>');
    expect(page).toContain('<p>An &quot;excerpt&quot; &amp; more</p>');
    expect(page).toContain('<a href="/blog/riverside/" rel="prev">Newer posts</a>');
    expect(page).toContain('<a href="/blog/riverside/?page=3" rel="next">Older posts</a>');
    expect(page).toContain('<link rel="canonical" href="https://care.example/blog/riverside/?page=2">');
    expect(page).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Riverside &lt;Family&gt; Medicine blog (Atom)" href="https://care.example/blog/riverside/atom.xml">',
    );
    expect(page).toContain('<meta property="og:type" content="website">');
    expect(page).toContain('<meta name="twitter:card" content="summary">');
  });

  it('says so when there are no posts yet', () => {
    const page = pages.index(site, { posts: [], page: 1, pages: 1 });
    expectAccessible(page);
    expect(page).toContain('No posts yet');
    expect(page).not.toContain('class="pager"');
  });

  it('shows a post with its images, share metadata and threaded comments, never an email', () => {
    const p = post(1, {
      images: [
        { id: 'img-1', position: 0, mimeType: 'image/png', altText: 'A "nurse" <smiling>' },
        { id: 'img-2', position: 1, mimeType: 'image/png', altText: '' },
      ],
    });
    const threads = threadsOf([
      comment('c1', null),
      comment('c2', 'c1', { fromPractice: true, authorName: site.name, authorEmail: null }),
    ]);
    const page = pages.post(site, p, threads);
    expectAccessible(page);
    expect(page).toContain('<h1>Post 1 &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).toContain('<div class="body"><p>Sanitised <strong>body</strong></p></div>');
    expect(page).toContain(
      '<img src="/blog/riverside/media/img-1" alt="A &quot;nurse&quot; &lt;smiling&gt;">',
    );
    expect(page).toContain('<img src="/blog/riverside/media/img-2" alt="" loading="lazy">');
    expect(page).toContain(
      '<meta property="og:image" content="https://care.example/blog/riverside/media/img-1">',
    );
    expect(page).toContain('<meta property="og:image:alt" content="A &quot;nurse&quot; &lt;smiling&gt;">');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page).toContain('<meta property="article:published_time" content="2026-03-01T02:00:00.000Z">');
    expect(page).toContain('<link rel="canonical" href="https://care.example/blog/riverside/post-1">');
    expect(page).toContain('<h2 id="comments-title">Comments (2)</h2>');
    expect(page).toMatch(/id="comment-c1"[\s\S]*<ol>[\s\S]*id="comment-c2"/);
    expect(page).toContain('<p>Comment c1 &lt;img src=x onerror=alert(1)&gt;<br>second line</p>');
    expect(page).toContain('Riverside &lt;Family&gt; Medicine <span class="badge">Practice</span>');
    expect(page).not.toContain('secret@example.com');
    expect(page).toContain('<form method="post" action="/blog/riverside/post-1/comments">');
    expect(page).toMatch(
      /<div class="hp" aria-hidden="true">[\s\S]*name="website" type="text" tabindex="-1"/,
    );
  });

  it('shows the form again with the errors linked to their fields and what was typed', () => {
    const page = pages.post(site, post(1), [], {
      values: { name: '', email: 'bad"><script>', comment: '</textarea><script>x</script>' },
      violations: [
        { field: 'name', rule: 'required', message: 'Enter your name.' },
        { field: 'email', rule: 'email', message: 'Enter an email address.' },
      ],
    });
    expectAccessible(page);
    expect(page).toContain('<title>Error: Post 1');
    expect(page).toContain(
      '<meta property="og:title" content="Post 1 &lt;script&gt;alert(1)&lt;/script&gt;">',
    );
    expect(page).toMatch(/<div class="error-summary" role="alert"[^>]*tabindex="-1" autofocus>/);
    expect(page).toContain('<li><a href="#comment-name">Enter your name.</a></li>');
    expect(page).toContain('<p class="field-error" id="comment-name-error">Enter your name.</p>');
    expect(page).toMatch(/id="comment-name"[^>]*aria-describedby="comment-name-error" aria-invalid="true">/);
    expect(page).toMatch(
      /id="comment-email"[^>]*value="bad&quot;&gt;&lt;script&gt;" aria-describedby="comment-email-hint comment-email-error" aria-invalid="true">/,
    );
    expect(page).toContain('>&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(page).toMatch(/id="comment-comment"[^>]*aria-describedby="comment-comment-hint">/);
  });

  it('confirms a received comment, and names a problem with the whole submission', () => {
    expect(pages.post(site, post(1), [], { received: true })).toContain(
      '<p class="notice" role="status" id="comment-status">',
    );
    const limited = pages.post(site, post(1), [], { problem: 'Too many <comments>' });
    expect(limited).toContain('<li>Too many &lt;comments&gt;</li>');
    expect(limited).toContain('<title>Error: ');
  });

  it('answers a friendly not-found page, linking to the blog when there is one', () => {
    const bare = pages.notFound();
    expectAccessible(bare);
    expect(bare).toContain('<h1>We can’t find that page</h1>');
    expect(bare).not.toContain('/blog/');
    expect(pages.notFound(site)).toContain(
      '<a href="/blog/riverside/">Go to the Riverside &lt;Family&gt; Medicine blog</a>',
    );
  });

  it('keeps links under a public URL that has a path', () => {
    const under = new BlogPages({ http: { publicUrl: 'https://care.example/carecast/' } } as AppConfig);
    const page = under.index(site, { posts: [post(1)], page: 1, pages: 1 });
    expect(page).toContain('<a href="/carecast/blog/riverside/post-1">');
    expect(page).toContain('<link rel="canonical" href="https://care.example/carecast/blog/riverside/">');
  });
});
