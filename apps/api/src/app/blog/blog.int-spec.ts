import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { BlogCommentsService, BlogPostsService } from '@carecast/server/blog';
import {
  type AdapterContext,
  type PublishRequest,
  CarecastBlogAdapter,
  ChannelAdapterRegistry,
} from '@carecast/server/channels';
import { testAppConfig } from '@carecast/server/testing';
import {
  FACTORY_PASSWORD,
  type FactoryOrganisation,
  IdentityFactory,
} from '../identity/identity-factory.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { infra, startTestApi, type TestApi } from '../test-api.spec-helper';

const PUBLIC_URL = 'https://practice.example';
const COMMENTS_PER_HOUR = 3;
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
// The post most tests need: markup in the title and text, a link and an image with a quoted alt.
const FLU_SHOTS = {
  title: 'Flu shots are here <b>now</b>',
  text: 'Walk in any weekday.\n\nBring your card. <script>alert("x")</script> & ask us anything.',
  link: 'https://www.cdc.gov/flu/',
  images: [{ bytes: PNG, mimeType: 'image/png', altText: 'A nurse giving a "flu shot"' }],
};
const FLU_SHOTS_SLUG = 'flu-shots-are-here-b-now-b';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A practice of its own (unique slug) with a signed-in administrator. */
interface Practice {
  organisation: FactoryOrganisation;
  slug: string;
  admin: Browser;
}

/** A practice whose Carecast blog channel is connected. */
interface Blog extends Practice {
  channelId: string;
  ctx: AdapterContext;
}

interface Post {
  id: string;
  url: string;
  path: string;
  slug: string;
}

/**
 * Every test makes its own practice, blog, posts and comments, so it passes alone and in any
 * order. Shared (and never changed by a test): the api, its database and Redis, the adapter.
 */
describe('Carecast blog: pages, feeds, comments and moderation on real PostgreSQL and Redis', () => {
  let testApi: TestApi;
  let sql: Client;
  let redis: Redis;
  let webDist: string;
  let adapter: CarecastBlogAdapter;
  let make: IdentityFactory;

  const http = () => request(testApi.app.getHttpServer());
  const comment = (path: string, fields: Record<string, string>) =>
    http().post(`${path}/comments`).type('form').send(fields);
  const count = async (post: Post) =>
    (await sql.query(`SELECT count(*)::int AS n FROM blog_comment WHERE post_id = $1`, [post.id])).rows[0]
      .n as number;

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'carecast-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Carecast dashboard</title>');
    const base = testAppConfig({ databaseUrl: '', redisUrl: '', redisPrefix: '' });
    testApi = await startTestApi('blog', {
      config: {
        http: { ...base.http, publicUrl: PUBLIC_URL, webDistDir: webDist },
        blog: { commentsPerHourPerIp: COMMENTS_PER_HOUR },
      },
    });
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    make = new IdentityFactory(sql);
    redis = new Redis(infra.REDIS_URL);
    const registered = testApi.app.get(ChannelAdapterRegistry).get('carecast_blog');
    if (!(registered instanceof CarecastBlogAdapter))
      throw new Error('carecast_blog is not the Carecast blog adapter');
    adapter = registered;
  });

  // Every comment form post comes from 127.0.0.1: each test starts with the hour's allowance unspent.
  beforeEach(async () => {
    const keys = await redis.keys(`${testApi.redisPrefix}:blog:comments:*`);
    if (keys.length) await redis.del(...keys);
  });

  afterAll(async () => {
    redis?.disconnect();
    await sql?.end();
    await testApi?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  async function signedIn(email: string): Promise<Browser> {
    const browser = new Browser(testApi.app);
    expect((await browser.signIn(email, FACTORY_PASSWORD)).body.status).toBe('signed_in');
    return browser;
  }

  async function newPractice(name: string): Promise<Practice> {
    const organisation = await make.organisation({ name });
    const user = await make.user([{ organisation, roles: ['admin'] }]);
    return { organisation, slug: organisation.slug, admin: await signedIn(user.email) };
  }

  const connectBlog = (admin: Browser) =>
    admin.send('post', '/api/channels', { kind: 'carecast_blog', credentials: {} });

  const contextOf = (organisation: FactoryOrganisation, channelId: string): AdapterContext => ({
    organisationId: organisation.id,
    channelId,
    externalAccountId: organisation.slug,
    credentials: {},
    settings: {},
  });

  async function openBlog(name = 'Riverside Family Medicine'): Promise<Blog> {
    const practice = await newPractice(name);
    const connected = await connectBlog(practice.admin);
    expect(connected.status).toBe(201);
    return {
      ...practice,
      channelId: connected.body.id,
      ctx: contextOf(practice.organisation, connected.body.id),
    };
  }

  async function publishPost(blog: Blog, content: PublishRequest = FLU_SHOTS): Promise<Post> {
    const published = await adapter.publish(blog.ctx, content);
    const url = published.url ?? '';
    const path = new URL(url).pathname;
    return { id: published.externalId, url, path, slug: path.split('/').pop() ?? '' };
  }

  /** The flu shots post, and the id its image is served under (read from its page). */
  async function publishFluShots(blog: Blog): Promise<Post & { imageId: string }> {
    const post = await publishPost(blog);
    const page = await http().get(post.path).set('Accept', 'text/html').expect(200);
    const imageId = page.text.match(/<img src="\/blog\/[a-z0-9-]+\/media\/([0-9a-f-]{36})"/)?.[1] ?? '';
    expect(imageId).not.toBe('');
    return { ...post, imageId };
  }

  /** A visitor's comment, held for moderation, as the form would store it. */
  async function leaveComment(
    blog: Blog,
    post: Post,
    fields: { name: string; comment: string; email?: string },
  ): Promise<string> {
    const posts = testApi.app.get(BlogPostsService);
    const stored = await posts.post(await posts.site(blog.slug), post.slug);
    const saved = await testApi.app
      .get(BlogCommentsService)
      .submit(
        stored,
        { name: fields.name, email: fields.email ?? '', comment: fields.comment },
        '203.0.113.9',
      );
    return saved.id;
  }

  async function moderate(blog: Blog, commentId: string, decision: 'approve' | 'reject') {
    const res = await blog.admin.send('post', `/api/blog-comments/${commentId}/${decision}`);
    expect(res.status).toBe(200);
  }

  const JO = { name: 'Jo <b>Visitor</b>', email: 'jo@example.com', comment: 'Do I need an appointment?' };

  it('connects the blog with no credentials at all: the organisation is the account', async () => {
    const practice = await newPractice('Riverside Family Medicine');
    const res = await connectBlog(practice.admin);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'carecast_blog',
      displayName: 'Riverside Family Medicine blog',
      externalAccountId: practice.slug,
      status: 'connected',
      capabilities: { mentions: true, reply: true, hide: true, maxImages: 4 },
    });
  });

  it('publishes a post with an image and shows it, escaped, with share and feed metadata', async () => {
    const blog = await openBlog();
    const { url: postUrl, path: postPath } = await publishPost(blog, FLU_SHOTS);
    expect(postUrl).toBe(`${PUBLIC_URL}/blog/${blog.slug}/${FLU_SHOTS_SLUG}`);

    const index = await http().get(`/blog/${blog.slug}/`).set('Accept', 'text/html').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.text).toContain('<html lang="en">');
    expect(index.text).toContain(`<a href="${postPath}">Flu shots are here &lt;b&gt;now&lt;/b&gt;</a>`);
    expect(index.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}/blog/${blog.slug}/">`);
    expect(index.text).toContain(
      `type="application/rss+xml" title="Riverside Family Medicine blog (RSS)" href="${PUBLIC_URL}/blog/${blog.slug}/feed.xml"`,
    );
    expect(index.text).not.toContain('Carecast dashboard');

    const page = await http().get(postPath).set('Accept', 'text/html').expect(200);
    const imageId = page.text.match(/<img src="\/blog\/[a-z0-9-]+\/media\/([0-9a-f-]{36})"/)?.[1] ?? '';
    expect(imageId).not.toBe('');
    expect(page.text).toContain('<h1>Flu shots are here &lt;b&gt;now&lt;/b&gt;</h1>');
    expect(page.text).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; ask us anything.');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('alt="A nurse giving a &quot;flu shot&quot;"');
    expect(page.text).toContain('<a href="https://www.cdc.gov/flu/" rel="noopener noreferrer">');
    expect(page.text).toContain(`<link rel="canonical" href="${postUrl}">`);
    expect(page.text).toContain('<meta property="og:type" content="article">');
    expect(page.text).toContain(
      '<meta property="og:title" content="Flu shots are here &lt;b&gt;now&lt;/b&gt;">',
    );
    expect(page.text).toContain(`<meta property="og:url" content="${postUrl}">`);
    expect(page.text).toContain(
      `<meta property="og:image" content="${PUBLIC_URL}/blog/${blog.slug}/media/${imageId}">`,
    );
    expect(page.text).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page.text).toContain('<meta name="twitter:description" content="Walk in any weekday.');
    expect(page.text).toMatch(/<main id="main"[^>]*>/);
    expect(page.text).toContain('<label for="comment-name">Name</label>');
  });

  it('serves the RSS and Atom feeds with the post', async () => {
    const blog = await openBlog();
    const { url: postUrl, imageId } = await publishFluShots(blog);

    const rss = await http().get(`/blog/${blog.slug}/feed.xml`).expect(200);
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const channel = xml.parse(rss.text).rss.channel;
    expect(channel.title).toBe('Riverside Family Medicine blog');
    const [item] = list(channel.item);
    expect(item).toMatchObject({ title: 'Flu shots are here <b>now</b>', link: postUrl });
    expect(item.description).toContain('Walk in any weekday.');
    expect(item['content:encoded']).toContain(`<img src="${PUBLIC_URL}/blog/${blog.slug}/media/${imageId}"`);
    expect(item['content:encoded']).not.toMatch(/<script/i);

    const atom = await http().get(`/blog/${blog.slug}/atom.xml`).expect(200);
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = xml.parse(atom.text).feed;
    const [entry] = list(feed.entry);
    expect(entry.id).toBe(postUrl);
    expect(list(entry.link)[0]['@href']).toBe(postUrl);
    expect(entry.title['#text'] ?? entry.title).toBe('Flu shots are here <b>now</b>');
  });

  it('serves image bytes with their type, and caches them', async () => {
    const blog = await openBlog();
    const { imageId } = await publishFluShots(blog);

    const res = await http().get(`/blog/${blog.slug}/media/${imageId}`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    // Feed readers show them from other origins.
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    await http()
      .get(`/blog/${blog.slug}/media/${imageId}`)
      .set('If-None-Match', res.headers['etag'])
      .expect(304);
    await http().get(`/blog/${blog.slug}/media/not-an-id`).expect(404);
  });

  it('holds a valid comment for moderation: 303 back to the post, not shown yet', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);

    const res = await comment(post.path, { ...JO, website: '' });
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe(`${post.path}?comment=pending#comment-status`);
    const { rows } = await sql.query(`SELECT * FROM blog_comment WHERE post_id = $1`, [post.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      author_email: 'jo@example.com',
      from_practice: false,
    });
    expect(rows[0].ip_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows[0].ip_hash).not.toContain('127.0.0.1');
    const page = await http().get(`${post.path}?comment=pending`).expect(200);
    expect(page.text).toContain('awaits moderation');
    expect(page.text).not.toContain('Do I need an appointment?');
  });

  it('thanks a robot that filled in the hidden field, and keeps nothing', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);

    const res = await comment(post.path, {
      name: 'Bot',
      comment: 'Cheap pills',
      website: 'https://spam.example',
    });
    expect(res.status).toBe(303);
    expect(await count(post)).toBe(0);
  });

  it('shows the form again with what was typed when a field is wrong (422)', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);

    const res = await comment(post.path, {
      name: '  ',
      email: 'not-an-email',
      comment: 'Kept <text> here',
      website: '',
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>Error: ');
    expect(res.text).toContain('<a href="#comment-name">Enter your name.</a>');
    expect(res.text).toMatch(
      /id="comment-name"[^>]*aria-describedby="comment-name-error" aria-invalid="true"/,
    );
    expect(res.text).toContain('Enter an email address like name@example.com');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('>Kept &lt;text&gt; here</textarea>');
    expect(await count(post)).toBe(0);
  });

  it('refuses comments over the hourly limit per address with a 429 page, keeping what was typed', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);

    for (let i = 1; i <= COMMENTS_PER_HOUR; i++) {
      expect((await comment(post.path, { name: `Visitor ${i}`, comment: `Question ${i}` })).status).toBe(303);
    }
    expect(await count(post)).toBe(COMMENTS_PER_HOUR);
    const res = await comment(post.path, { name: 'Visitor 4', comment: 'One too many' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    expect(res.text).toContain('Many comments have come from your connection');
    expect(res.text).toContain('>One too many</textarea>');
    expect(await count(post)).toBe(COMMENTS_PER_HOUR);
    const keys = await redis.keys(`${testApi.redisPrefix}:blog:comments:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('127.0.0.1');
  });

  it('hands visitor comments to monitoring as mentions, paged by cursor', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);
    await leaveComment(blog, post, JO);
    await leaveComment(blog, post, { name: 'Visitor 2', comment: 'Question 2' });
    await leaveComment(blog, post, { name: 'Visitor 3', comment: 'Question 3' });

    const first = await adapter.fetchMentions(blog.ctx, null);
    expect(first.mentions.map((m) => m.text)).toEqual([
      'Do I need an appointment?',
      'Question 2',
      'Question 3',
    ]);
    expect(first.mentions[0]).toMatchObject({
      authorName: 'Jo <b>Visitor</b>',
      authorId: 'jo@example.com',
      conversationId: post.id,
      inReplyToExternalId: post.id,
      url: `${post.url}#comment-${first.mentions[0].externalId}`,
    });
    expect(first.cursor).toMatch(/^\d+$/);
    expect(await adapter.fetchMentions(blog.ctx, first.cursor)).toEqual({
      mentions: [],
      cursor: first.cursor,
    });

    await leaveComment(blog, post, { name: 'Sam', comment: 'Thanks!' });
    const next = await adapter.fetchMentions(blog.ctx, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['Thanks!']);
    expect(Number(next.cursor)).toBeGreaterThan(Number(first.cursor));
  });

  it('publishes a reply from the practice under a comment, approving it; replies are not mentions', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);
    const jo = await leaveComment(blog, post, JO);
    await leaveComment(blog, post, { name: 'Visitor 2', comment: 'Question 2' });

    const reply = await adapter.reply(blog.ctx, jo, 'Walk-ins are welcome, no appointment needed.');
    expect(reply.url).toBe(`${post.url}#comment-${reply.externalId}`);
    const page = await http().get(post.path).expect(200);
    expect(page.text).toContain('Do I need an appointment?');
    expect(page.text).toContain('Jo &lt;b&gt;Visitor&lt;/b&gt;');
    expect(page.text).toMatch(
      new RegExp(
        `id="comment-${jo}"[\\s\\S]*<ol>[\\s\\S]*id="comment-${reply.externalId}"[\\s\\S]*Walk-ins are welcome`,
      ),
    );
    expect(page.text).toContain('Riverside Family Medicine <span class="badge">Practice</span>');
    expect(page.text).not.toContain('jo@example.com');
    expect(page.text).not.toContain('Question 2');
    expect((await adapter.fetchMentions(blog.ctx, null)).mentions.map((m) => m.text)).toEqual([
      'Do I need an appointment?',
      'Question 2',
    ]);
  });

  it('lets staff moderate: managers approve and reject (audited); others may only look', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);
    // Answered by the practice, so approved: not in the queue of pending ones.
    const jo = await leaveComment(blog, post, JO);
    await adapter.reply(blog.ctx, jo, 'Walk-ins are welcome, no appointment needed.');
    await leaveComment(blog, post, { name: 'Visitor 2', comment: 'Question 2' });
    await leaveComment(blog, post, { name: 'Visitor 3', comment: 'Question 3' });
    await leaveComment(blog, post, { name: 'Sam', comment: 'Thanks!' });
    const priyaUser = await make.user([{ organisation: blog.organisation, roles: ['manager'] }]);
    const danaUser = await make.user([{ organisation: blog.organisation, roles: ['marketer'] }]);

    const priya = await signedIn(priyaUser.email);
    const pending = await priya.get('/api/blog-comments?status=pending');
    expect(pending.status).toBe(200);
    const byBody = (b: string) => pending.body.comments.find((c: { body: string }) => c.body === b);
    expect(pending.body.comments.map((c: { body: string }) => c.body)).toEqual([
      'Thanks!',
      'Question 3',
      'Question 2',
    ]);
    expect(byBody('Question 2')).toMatchObject({
      status: 'pending',
      postUrl: post.url,
      postTitle: 'Flu shots are here <b>now</b>',
    });

    const dana = await signedIn(danaUser.email);
    expect((await dana.get('/api/blog-comments')).status).toBe(200);
    expect((await dana.send('post', `/api/blog-comments/${byBody('Question 2').id}/approve`)).status).toBe(
      403,
    );

    const approved = await priya.send('post', `/api/blog-comments/${byBody('Question 2').id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const rejected = await priya.send('post', `/api/blog-comments/${byBody('Question 3').id}/reject`);
    expect(rejected.body.status).toBe('rejected');
    expect((await priya.send('post', `/api/blog-comments/${randomUUID()}/approve`)).status).toBe(404);

    const page = await http().get(post.path).expect(200);
    expect(page.text).toContain('Question 2');
    expect(page.text).not.toContain('Question 3');
    const audit = await sql.query(
      `SELECT action, entity_id, actor_label FROM audit_entry
        WHERE organisation_id = $1 AND action LIKE 'blog_comment.%' ORDER BY seq`,
      [blog.organisation.id],
    );
    expect(audit.rows).toEqual([
      { action: 'blog_comment.approved', entity_id: byBody('Question 2').id, actor_label: priyaUser.email },
      { action: 'blog_comment.rejected', entity_id: byBody('Question 3').id, actor_label: priyaUser.email },
    ]);
    expect((await http().get('/api/blog-comments')).status).toBe(401);
  });

  it('hides a comment from the blog through the adapter', async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);
    const q2 = await leaveComment(blog, post, { name: 'Visitor 2', comment: 'Question 2' });
    await moderate(blog, q2, 'approve');
    expect((await http().get(post.path).expect(200)).text).toContain('Question 2');

    await adapter.hide(blog.ctx, q2);
    expect((await http().get(post.path).expect(200)).text).not.toContain('Question 2');
    expect((await sql.query(`SELECT status FROM blog_comment WHERE id = $1`, [q2])).rows[0].status).toBe(
      'hidden',
    );
  });

  it("counts a post's approved visitor comments as its metrics: not pending, rejected, hidden nor the practice's replies", async () => {
    const blog = await openBlog();
    const post = await publishPost(blog);
    const jo = await leaveComment(blog, post, JO);
    await adapter.reply(blog.ctx, jo, 'Walk-ins are welcome, no appointment needed.');
    const hidden = await leaveComment(blog, post, { name: 'Visitor 2', comment: 'Question 2' });
    await moderate(blog, hidden, 'approve');
    await adapter.hide(blog.ctx, hidden);
    await moderate(
      blog,
      await leaveComment(blog, post, { name: 'Visitor 3', comment: 'Question 3' }),
      'reject',
    );
    const thanks = await leaveComment(blog, post, { name: 'Sam', comment: 'Thanks!' });

    const metrics = await adapter.fetchMetrics(blog.ctx, [post.id, randomUUID(), 'not-an-id', post.id]);
    expect(metrics).toEqual([
      { externalId: post.id, reactions: 0, comments: 1, shares: 0, impressions: null },
    ]);
    // Replying to the pending "Thanks!" approves it: one more visitor comment, the reply itself not counted.
    await adapter.reply(blog.ctx, thanks, 'You are welcome!');
    expect((await adapter.fetchMetrics(blog.ctx, [post.id]))[0].comments).toBe(2);
  });

  it('pages the index, newest first, and finds recent posts', async () => {
    const blog = await openBlog();
    const since = new Date(Date.now() - 10 * 60_000);
    const flu = await publishPost(blog);
    for (let i = 1; i <= 10; i++)
      await adapter.publish(blog.ctx, { text: `Weekly tip number ${i}\n\nDrink water.` });

    const first = await http().get(`/blog/${blog.slug}/`).expect(200);
    expect(first.text.indexOf('Weekly tip number 10<')).toBeLessThan(
      first.text.indexOf('Weekly tip number 1<'),
    );
    expect(first.text).not.toContain('Flu shots are here');
    expect(first.text).toContain(`<a href="/blog/${blog.slug}/?page=2" rel="next">Older posts</a>`);
    const second = await http().get(`/blog/${blog.slug}/?page=2`).expect(200);
    expect(second.text).toContain('Flu shots are here');
    expect(second.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}/blog/${blog.slug}/?page=2">`);
    await http().get(`/blog/${blog.slug}/?page=3`).expect(404);
    await http().get(`/blog/${blog.slug}/?page=abc`).expect(404);
    const recent = await adapter.findRecent(blog.ctx, since);
    expect(recent).toHaveLength(11);
    expect(recent.map((r) => r.url)).toContain(flu.url);
  });

  it("never shows one organisation's posts, images or feeds under another's address", async () => {
    const riverside = await openBlog('Riverside Family Medicine');
    const flu = await publishFluShots(riverside);
    await publishPost(riverside, { text: 'Weekly tip number 1\n\nDrink water.' });
    await leaveComment(riverside, flu, JO);

    // One administrator of both practices connects Lakeside's blog while working in Lakeside.
    const lakesideOrg = await make.organisation({ name: 'Lakeside Pediatrics' });
    const LAKESIDE = lakesideOrg.slug;
    await http().get(`/blog/${LAKESIDE}/`).expect(404);
    const bothUser = await make.user([
      { organisation: riverside.organisation, roles: ['admin'] },
      { organisation: lakesideOrg, roles: ['admin'] },
    ]);
    const lakesideAdmin = await signedIn(bothUser.email);
    await lakesideAdmin.send('post', '/api/auth/switch-organisation', { organisationId: lakesideOrg.id });
    const connected = await connectBlog(lakesideAdmin);
    expect(connected.body).toMatchObject({
      displayName: 'Lakeside Pediatrics blog',
      externalAccountId: LAKESIDE,
    });
    const lakesideCtx = contextOf(lakesideOrg, connected.body.id);
    const theirs = await adapter.publish(lakesideCtx, { title: 'Lakeside news', text: 'Only for Lakeside.' });

    const index = await http().get(`/blog/${LAKESIDE}/`).expect(200);
    expect(index.text).toContain('Lakeside news');
    expect(index.text).not.toMatch(/Flu shots|Weekly tip/);
    await http().get(`/blog/${LAKESIDE}/${FLU_SHOTS_SLUG}`).expect(404);
    await http().get(`/blog/${LAKESIDE}/media/${flu.imageId}`).expect(404);
    await http().get(`/blog/${riverside.slug}/lakeside-news`).expect(404);
    const feed = xml.parse((await http().get(`/blog/${LAKESIDE}/feed.xml`).expect(200)).text).rss.channel;
    expect(list(feed.item).map((i: { title: string }) => i.title)).toEqual(['Lakeside news']);
    expect(
      (await comment(flu.path.replace(riverside.slug, LAKESIDE), { name: 'X', comment: 'Y' })).status,
    ).toBe(404);
    // Another organisation's ids are unknown to this one's adapter context.
    await expect(adapter.delete(riverside.ctx, theirs.externalId)).rejects.toThrow(/no such post/);
    await expect(
      adapter.reply(
        lakesideCtx,
        (await adapter.fetchMentions(riverside.ctx, null)).mentions[0].externalId,
        'Hi',
      ),
    ).rejects.toThrow(/no such comment/);
    expect((await adapter.fetchMentions(lakesideCtx, null)).mentions).toEqual([]);
    expect(await adapter.fetchMetrics(lakesideCtx, [flu.id])).toEqual([]);
    expect(await adapter.fetchMetrics(riverside.ctx, [theirs.externalId])).toEqual([]);
  });

  it('takes a post down with delete: its page, image and feed entry go', async () => {
    const blog = await openBlog();
    const post = await publishFluShots(blog);
    expect(await adapter.fetchMetrics(blog.ctx, [post.id])).toHaveLength(1);

    await adapter.delete(blog.ctx, post.id);
    expect(await adapter.fetchMetrics(blog.ctx, [post.id])).toEqual([]);
    const gone = await http().get(post.path).expect(404);
    expect(gone.headers['content-type']).toMatch(/^text\/html/);
    expect(gone.text).toContain('We can’t find that page');
    await http().get(`/blog/${blog.slug}/media/${post.imageId}`).expect(404);
    const rss = xml.parse((await http().get(`/blog/${blog.slug}/feed.xml`).expect(200)).text).rss.channel;
    expect(list(rss.item).map((i: { link: string }) => i.link)).not.toContain(post.url);
    expect(
      (await sql.query(`SELECT deleted_at FROM blog_post WHERE id = $1`, [post.id])).rows[0].deleted_at,
    ).not.toBeNull();
  });

  it('is a friendly 404 while the blog channel is disabled, and for unknown addresses', async () => {
    const blog = await openBlog();
    const tip = await publishPost(blog, { text: 'Weekly tip number 1\n\nDrink water.' });
    await http().get(tip.path).expect(200);

    expect((await blog.admin.send('post', `/api/channels/${blog.channelId}/disable`)).status).toBe(200);
    for (const path of [`/blog/${blog.slug}/`, `/blog/${blog.slug}/feed.xml`, tip.path]) {
      const res = await http().get(path).set('Accept', 'text/html').expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('We can’t find that page');
      expect(res.text).not.toContain('Carecast dashboard');
    }
    expect((await blog.admin.send('post', `/api/channels/${blog.channelId}/enable`)).status).toBe(200);
    await http().get(`/blog/${blog.slug}/`).expect(200);
    const unknown = await http().get(`/blog/${blog.slug}/a/b/c`).set('Accept', 'text/html').expect(404);
    expect(unknown.text).toContain(
      `<a href="/blog/${blog.slug}/">Go to the Riverside Family Medicine blog</a>`,
    );
    await http().get('/blog/no-such-practice/').set('Accept', 'text/html').expect(404);
    // Everything else that asks for HTML is still the dashboard.
    expect((await http().get('/calendar').set('Accept', 'text/html').expect(200)).text).toContain(
      'Carecast dashboard',
    );
  });
});
