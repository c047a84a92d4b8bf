import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { BlogCommentsService, BlogPostsService } from '@carecast/server/blog';
import { type AdapterContext, CarecastBlogAdapter, ChannelAdapterRegistry } from '@carecast/server/channels';
import { testAppConfig } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { infra, startTestApi, type TestApi } from '../test-api.spec-helper';

const RIVERSIDE = 'riverside-family-medicine';
const LAKESIDE = 'lakeside-pediatrics';
const PUBLIC_URL = 'https://practice.example';
const COMMENTS_PER_HOUR = 3;
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('Carecast blog: pages, feeds, comments and moderation on real PostgreSQL and Redis', () => {
  let testApi: TestApi;
  let admin: Browser;
  let sql: Client;
  let redis: Redis;
  let webDist: string;
  let adapter: CarecastBlogAdapter;
  let ctx: AdapterContext;
  let channelId: string;
  let postUrl: string;
  let postPath: string;
  let postId: string;
  let imageId: string;

  const http = () => request(testApi.app.getHttpServer());
  const comment = (path: string, fields: Record<string, string>) =>
    http().post(`${path}/comments`).type('form').send(fields);
  const count = async (where = 'true') =>
    (await sql.query(`SELECT count(*)::int AS n FROM blog_comment WHERE ${where}`)).rows[0].n as number;

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
    admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    redis = new Redis(infra.REDIS_URL);
    const registered = testApi.app.get(ChannelAdapterRegistry).get('carecast_blog');
    if (!(registered instanceof CarecastBlogAdapter))
      throw new Error('carecast_blog is not the Carecast blog adapter');
    adapter = registered;
  });

  afterAll(async () => {
    redis?.disconnect();
    await sql?.end();
    await testApi?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('connects the blog with no credentials at all: the organisation is the account', async () => {
    const res = await admin.send('post', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'carecast_blog',
      displayName: 'Riverside Family Medicine blog',
      externalAccountId: RIVERSIDE,
      status: 'connected',
      capabilities: { mentions: true, reply: true, hide: true, maxImages: 4 },
    });
    channelId = res.body.id;
    const org = await sql.query(`SELECT id FROM organisation WHERE slug = $1`, [RIVERSIDE]);
    ctx = {
      organisationId: org.rows[0].id,
      channelId,
      externalAccountId: RIVERSIDE,
      credentials: {},
      settings: {},
    };
  });

  it('publishes a post with an image and shows it, escaped, with share and feed metadata', async () => {
    const published = await adapter.publish(ctx, {
      title: 'Flu shots are here <b>now</b>',
      text: 'Walk in any weekday.\n\nBring your card. <script>alert("x")</script> & ask us anything.',
      link: 'https://www.cdc.gov/flu/',
      images: [{ bytes: PNG, mimeType: 'image/png', altText: 'A nurse giving a "flu shot"' }],
    });
    postId = published.externalId;
    postUrl = published.url ?? '';
    expect(postUrl).toBe(`${PUBLIC_URL}/blog/${RIVERSIDE}/flu-shots-are-here-b-now-b`);
    postPath = new URL(postUrl).pathname;

    const index = await http().get(`/blog/${RIVERSIDE}/`).set('Accept', 'text/html').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.text).toContain('<html lang="en">');
    expect(index.text).toContain(`<a href="${postPath}">Flu shots are here &lt;b&gt;now&lt;/b&gt;</a>`);
    expect(index.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}/blog/${RIVERSIDE}/">`);
    expect(index.text).toContain(
      `type="application/rss+xml" title="Riverside Family Medicine blog (RSS)" href="${PUBLIC_URL}/blog/${RIVERSIDE}/feed.xml"`,
    );
    expect(index.text).not.toContain('Carecast dashboard');

    const page = await http().get(postPath).set('Accept', 'text/html').expect(200);
    imageId = page.text.match(/<img src="\/blog\/[a-z-]+\/media\/([0-9a-f-]{36})"/)?.[1] ?? '';
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
      `<meta property="og:image" content="${PUBLIC_URL}/blog/${RIVERSIDE}/media/${imageId}">`,
    );
    expect(page.text).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page.text).toContain('<meta name="twitter:description" content="Walk in any weekday.');
    expect(page.text).toMatch(/<main id="main"[^>]*>/);
    expect(page.text).toContain('<label for="comment-name">Name</label>');
  });

  it('serves the RSS and Atom feeds with the post', async () => {
    const rss = await http().get(`/blog/${RIVERSIDE}/feed.xml`).expect(200);
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const channel = xml.parse(rss.text).rss.channel;
    expect(channel.title).toBe('Riverside Family Medicine blog');
    const [item] = list(channel.item);
    expect(item).toMatchObject({ title: 'Flu shots are here <b>now</b>', link: postUrl });
    expect(item.description).toContain('Walk in any weekday.');
    expect(item['content:encoded']).toContain(`<img src="${PUBLIC_URL}/blog/${RIVERSIDE}/media/${imageId}"`);
    expect(item['content:encoded']).not.toMatch(/<script/i);

    const atom = await http().get(`/blog/${RIVERSIDE}/atom.xml`).expect(200);
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = xml.parse(atom.text).feed;
    const [entry] = list(feed.entry);
    expect(entry.id).toBe(postUrl);
    expect(list(entry.link)[0]['@href']).toBe(postUrl);
    expect(entry.title['#text'] ?? entry.title).toBe('Flu shots are here <b>now</b>');
  });

  it('serves image bytes with their type, and caches them', async () => {
    const res = await http().get(`/blog/${RIVERSIDE}/media/${imageId}`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    // Feed readers show them from other origins.
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    await http()
      .get(`/blog/${RIVERSIDE}/media/${imageId}`)
      .set('If-None-Match', res.headers['etag'])
      .expect(304);
    await http().get(`/blog/${RIVERSIDE}/media/not-an-id`).expect(404);
  });

  it('holds a valid comment for moderation: 303 back to the post, not shown yet', async () => {
    const res = await comment(postPath, {
      name: 'Jo <b>Visitor</b>',
      email: 'jo@example.com',
      comment: 'Do I need an appointment?',
      website: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe(`${postPath}?comment=pending#comment-status`);
    const { rows } = await sql.query(`SELECT * FROM blog_comment`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      author_email: 'jo@example.com',
      from_practice: false,
    });
    expect(rows[0].ip_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows[0].ip_hash).not.toContain('127.0.0.1');
    const page = await http().get(`${postPath}?comment=pending`).expect(200);
    expect(page.text).toContain('awaits moderation');
    expect(page.text).not.toContain('Do I need an appointment?');
  });

  it('thanks a robot that filled in the hidden field, and keeps nothing', async () => {
    const before = await count();
    const res = await comment(postPath, {
      name: 'Bot',
      comment: 'Cheap pills',
      website: 'https://spam.example',
    });
    expect(res.status).toBe(303);
    expect(await count()).toBe(before);
  });

  it('shows the form again with what was typed when a field is wrong (422)', async () => {
    const before = await count();
    const res = await comment(postPath, {
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
    expect(await count()).toBe(before);
  });

  it('refuses comments over the hourly limit per address with a 429 page, keeping what was typed', async () => {
    for (let i = 2; i <= COMMENTS_PER_HOUR; i++) {
      expect((await comment(postPath, { name: `Visitor ${i}`, comment: `Question ${i}` })).status).toBe(303);
    }
    const before = await count();
    const res = await comment(postPath, { name: 'Visitor 4', comment: 'One too many' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    expect(res.text).toContain('Many comments have come from your connection');
    expect(res.text).toContain('>One too many</textarea>');
    expect(await count()).toBe(before);
    const keys = await redis.keys(`${testApi.redisPrefix}:blog:comments:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('127.0.0.1');
  });

  it('hands visitor comments to monitoring as mentions, paged by cursor', async () => {
    const first = await adapter.fetchMentions(ctx, null);
    expect(first.mentions.map((m) => m.text)).toEqual([
      'Do I need an appointment?',
      'Question 2',
      'Question 3',
    ]);
    expect(first.mentions[0]).toMatchObject({
      authorName: 'Jo <b>Visitor</b>',
      authorId: 'jo@example.com',
      conversationId: postId,
      inReplyToExternalId: postId,
      url: `${postUrl}#comment-${first.mentions[0].externalId}`,
    });
    expect(first.cursor).toMatch(/^\d+$/);
    expect(await adapter.fetchMentions(ctx, first.cursor)).toEqual({ mentions: [], cursor: first.cursor });

    const blog = testApi.app.get(BlogPostsService);
    const post = await blog.post(await blog.site(RIVERSIDE), 'flu-shots-are-here-b-now-b');
    await testApi.app
      .get(BlogCommentsService)
      .submit(post, { name: 'Sam', email: '', comment: 'Thanks!' }, '203.0.113.9');
    const next = await adapter.fetchMentions(ctx, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['Thanks!']);
    expect(Number(next.cursor)).toBeGreaterThan(Number(first.cursor));
  });

  it('publishes a reply from the practice under a comment, approving it; replies are not mentions', async () => {
    const { mentions } = await adapter.fetchMentions(ctx, null);
    const jo = mentions[0];
    const reply = await adapter.reply(ctx, jo.externalId, 'Walk-ins are welcome, no appointment needed.');
    expect(reply.url).toBe(`${postUrl}#comment-${reply.externalId}`);
    const page = await http().get(postPath).expect(200);
    expect(page.text).toContain('Do I need an appointment?');
    expect(page.text).toContain('Jo &lt;b&gt;Visitor&lt;/b&gt;');
    expect(page.text).toMatch(
      new RegExp(
        `id="comment-${jo.externalId}"[\\s\\S]*<ol>[\\s\\S]*id="comment-${reply.externalId}"[\\s\\S]*Walk-ins are welcome`,
      ),
    );
    expect(page.text).toContain('Riverside Family Medicine <span class="badge">Practice</span>');
    expect(page.text).not.toContain('jo@example.com');
    expect(page.text).not.toContain('Question 2');
    expect((await adapter.fetchMentions(ctx, null)).mentions).toHaveLength(4);
  });

  it('lets staff moderate: managers approve and reject (audited); others may only look', async () => {
    const priya = new Browser(testApi.app);
    await priya.signIn('priya@riverside.example');
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
      postUrl,
      postTitle: 'Flu shots are here <b>now</b>',
    });

    const dana = new Browser(testApi.app);
    await dana.signIn('dana@riverside.example');
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

    const page = await http().get(postPath).expect(200);
    expect(page.text).toContain('Question 2');
    expect(page.text).not.toContain('Question 3');
    const audit = await sql.query(
      `SELECT action, entity_id, actor_label FROM audit_entry WHERE action LIKE 'blog_comment.%' ORDER BY seq`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'blog_comment.approved',
        entity_id: byBody('Question 2').id,
        actor_label: 'priya@riverside.example',
      },
      {
        action: 'blog_comment.rejected',
        entity_id: byBody('Question 3').id,
        actor_label: 'priya@riverside.example',
      },
    ]);
    expect((await http().get('/api/blog-comments')).status).toBe(401);
  });

  it('hides a comment from the blog through the adapter', async () => {
    const { mentions } = await adapter.fetchMentions(ctx, null);
    const [q2] = mentions.filter((m) => m.text === 'Question 2');
    await adapter.hide(ctx, q2.externalId);
    expect((await http().get(postPath).expect(200)).text).not.toContain('Question 2');
    expect(
      (await sql.query(`SELECT status FROM blog_comment WHERE id = $1`, [q2.externalId])).rows[0].status,
    ).toBe('hidden');
  });

  it("counts a post's approved visitor comments as its metrics: not pending, rejected, hidden nor the practice's replies", async () => {
    const metrics = await adapter.fetchMetrics(ctx, [postId, randomUUID(), 'not-an-id', postId]);
    expect(metrics).toEqual([
      { externalId: postId, reactions: 0, comments: 1, shares: 0, impressions: null },
    ]);
    // Replying to the pending "Thanks!" approves it: one more visitor comment, the reply itself not counted.
    const { mentions } = await adapter.fetchMentions(ctx, null);
    const thanks = mentions.find((m) => m.text === 'Thanks!');
    await adapter.reply(ctx, thanks?.externalId ?? '', 'You are welcome!');
    expect((await adapter.fetchMetrics(ctx, [postId]))[0].comments).toBe(2);
  });

  it('pages the index, newest first, and finds recent posts', async () => {
    const since = new Date(Date.now() - 10 * 60_000);
    for (let i = 1; i <= 10; i++)
      await adapter.publish(ctx, { text: `Weekly tip number ${i}\n\nDrink water.` });
    const first = await http().get(`/blog/${RIVERSIDE}/`).expect(200);
    expect(first.text.indexOf('Weekly tip number 10<')).toBeLessThan(
      first.text.indexOf('Weekly tip number 1<'),
    );
    expect(first.text).not.toContain('Flu shots are here');
    expect(first.text).toContain(`<a href="/blog/${RIVERSIDE}/?page=2" rel="next">Older posts</a>`);
    const second = await http().get(`/blog/${RIVERSIDE}/?page=2`).expect(200);
    expect(second.text).toContain('Flu shots are here');
    expect(second.text).toContain(`<link rel="canonical" href="${PUBLIC_URL}/blog/${RIVERSIDE}/?page=2">`);
    await http().get(`/blog/${RIVERSIDE}/?page=3`).expect(404);
    await http().get(`/blog/${RIVERSIDE}/?page=abc`).expect(404);
    const recent = await adapter.findRecent(ctx, since);
    expect(recent).toHaveLength(11);
    expect(recent.map((r) => r.url)).toContain(postUrl);
  });

  it("never shows one organisation's posts, images or feeds under another's address", async () => {
    await http().get(`/blog/${LAKESIDE}/`).expect(404);
    const lakesideAdmin = new Browser(testApi.app);
    await lakesideAdmin.signIn('admin@riverside.example');
    const lakeside = await sql.query(`SELECT id FROM organisation WHERE slug = $1`, [LAKESIDE]);
    await lakesideAdmin.send('post', '/api/auth/switch-organisation', {
      organisationId: lakeside.rows[0].id,
    });
    const connected = await lakesideAdmin.send('post', '/api/channels', {
      kind: 'carecast_blog',
      credentials: {},
    });
    expect(connected.body).toMatchObject({
      displayName: 'Lakeside Pediatrics blog',
      externalAccountId: LAKESIDE,
    });
    const lakesideCtx = {
      ...ctx,
      organisationId: lakeside.rows[0].id,
      channelId: connected.body.id,
      externalAccountId: LAKESIDE,
    };
    const theirs = await adapter.publish(lakesideCtx, { title: 'Lakeside news', text: 'Only for Lakeside.' });

    const index = await http().get(`/blog/${LAKESIDE}/`).expect(200);
    expect(index.text).toContain('Lakeside news');
    expect(index.text).not.toMatch(/Flu shots|Weekly tip/);
    await http().get(`/blog/${LAKESIDE}/flu-shots-are-here-b-now-b`).expect(404);
    await http().get(`/blog/${LAKESIDE}/media/${imageId}`).expect(404);
    await http().get(`/blog/${RIVERSIDE}/lakeside-news`).expect(404);
    const feed = xml.parse((await http().get(`/blog/${LAKESIDE}/feed.xml`).expect(200)).text).rss.channel;
    expect(list(feed.item).map((i: { title: string }) => i.title)).toEqual(['Lakeside news']);
    expect((await comment(postPath.replace(RIVERSIDE, LAKESIDE), { name: 'X', comment: 'Y' })).status).toBe(
      404,
    );
    // Another organisation's ids are unknown to this one's adapter context.
    await expect(adapter.delete(ctx, theirs.externalId)).rejects.toThrow(/no such post/);
    await expect(
      adapter.reply(lakesideCtx, (await adapter.fetchMentions(ctx, null)).mentions[0].externalId, 'Hi'),
    ).rejects.toThrow(/no such comment/);
    expect((await adapter.fetchMentions(lakesideCtx, null)).mentions).toEqual([]);
    expect(await adapter.fetchMetrics(lakesideCtx, [postId])).toEqual([]);
    expect(await adapter.fetchMetrics(ctx, [theirs.externalId])).toEqual([]);
  });

  it('takes a post down with delete: its page, image and feed entry go', async () => {
    await adapter.delete(ctx, postId);
    expect(await adapter.fetchMetrics(ctx, [postId])).toEqual([]);
    const gone = await http().get(postPath).expect(404);
    expect(gone.headers['content-type']).toMatch(/^text\/html/);
    expect(gone.text).toContain('We can’t find that page');
    await http().get(`/blog/${RIVERSIDE}/media/${imageId}`).expect(404);
    const rss = xml.parse((await http().get(`/blog/${RIVERSIDE}/feed.xml`).expect(200)).text).rss.channel;
    expect(list(rss.item).map((i: { link: string }) => i.link)).not.toContain(postUrl);
    expect(
      (await sql.query(`SELECT deleted_at FROM blog_post WHERE id = $1`, [postId])).rows[0].deleted_at,
    ).not.toBeNull();
  });

  it('is a friendly 404 while the blog channel is disabled, and for unknown addresses', async () => {
    expect((await admin.send('post', `/api/channels/${channelId}/disable`)).status).toBe(200);
    for (const path of [
      `/blog/${RIVERSIDE}/`,
      `/blog/${RIVERSIDE}/feed.xml`,
      `/blog/${RIVERSIDE}/weekly-tip-number-1`,
    ]) {
      const res = await http().get(path).set('Accept', 'text/html').expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('We can’t find that page');
      expect(res.text).not.toContain('Carecast dashboard');
    }
    expect((await admin.send('post', `/api/channels/${channelId}/enable`)).status).toBe(200);
    await http().get(`/blog/${RIVERSIDE}/`).expect(200);
    const unknown = await http().get(`/blog/${RIVERSIDE}/a/b/c`).set('Accept', 'text/html').expect(404);
    expect(unknown.text).toContain(
      `<a href="/blog/${RIVERSIDE}/">Go to the Riverside Family Medicine blog</a>`,
    );
    await http().get('/blog/no-such-practice/').set('Accept', 'text/html').expect(404);
    // Everything else that asks for HTML is still the dashboard.
    expect((await http().get('/calendar').set('Accept', 'text/html').expect(200)).text).toContain(
      'Carecast dashboard',
    );
  });
});
