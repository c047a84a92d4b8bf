import express from 'express';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createSandbox } from '../sandbox';
import { createWordPressEmulator } from './wordpress-emulator';
import { type WordPressState, createWordPressState } from './wordpress-state';

const V2 = '/wp-json/wp/v2';

describe('WordPress REST API emulator', () => {
  let state: WordPressState;
  let server: Server;
  let base: string;
  let site: { siteUrl: string; username: string; applicationPassword: string };
  const api = () => request(base);
  const path = (p: string) => `/wp/blog${p}`;
  const auth = (password = site.applicationPassword, user = site.username) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const createPost = (body: Record<string, unknown>) =>
    api()
      .post(path(`${V2}/posts`))
      .set('Authorization', auth())
      .send(body);

  beforeAll(async () => {
    state = createWordPressState();
    server = createServer(express().use(createWordPressEmulator(state)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(async () => {
    await api().post('/_sandbox/wordpress/reset').expect(200);
    site = (await api().post('/_sandbox/wordpress/sites').send({ site: 'blog' }).expect(201)).body;
  });

  async function postWithComments(count: number): Promise<number> {
    const postId = (
      await createPost({ title: 'Flu season', content: 'Get your shot', status: 'publish' }).expect(201)
    ).body.id;
    for (let i = 1; i <= count; i += 1) {
      const date_gmt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().slice(0, 19);
      await api()
        .post('/_sandbox/wordpress/sites/blog/comments')
        .send({ post: postId, content: `visitor ${i}`, author_name: `V${i}`, date_gmt, status: 'approved' })
        .expect(201);
    }
    return postId;
  }

  describe('discovery', () => {
    it('answers the REST index with the wp/v2 namespace', async () => {
      const res = await api().get(path('/wp-json/')).expect(200);
      expect(res.body.namespaces).toContain('wp/v2');
      expect(res.body.url).toBe(site.siteUrl);
      expect(site.siteUrl).toBe(`${base}/wp/blog`);
    });

    it('answers an unknown site with an HTML 404, like a site that is not WordPress', async () => {
      const res = await api().get('/wp/nosuchsite/wp-json/').expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Not Found');
    });

    it('is mounted in the sandbox under /wp/{site}', async () => {
      const own = createWordPressState();
      const sandbox = createSandbox({ wordpress: own });
      await request(sandbox).post('/_sandbox/wordpress/sites').send({ site: 'mounted' }).expect(201);
      const res = await request(sandbox).get('/wp/mounted/?rest_route=/').expect(200);
      expect(res.body.namespaces).toContain('wp/v2');
      expect(own.sites.has('mounted')).toBe(true);
    });

    it('answers an unknown REST route with rest_no_route', async () => {
      const res = await api().get(path('/wp-json/wp/v2/nothing')).expect(404);
      expect(res.body).toEqual({ code: 'rest_no_route', message: expect.any(String), data: { status: 404 } });
    });
  });

  describe('authentication', () => {
    it('accepts the application password with or without its spaces', async () => {
      await createPost({ title: 'a', status: 'draft' }).expect(201);
      await api()
        .post(path(`${V2}/posts`))
        .set('Authorization', auth(site.applicationPassword.replace(/ /g, '')))
        .send({ title: 'b' })
        .expect(201);
    });

    it('answers a wrong password with 401 incorrect_password', async () => {
      const res = await api()
        .post(path(`${V2}/posts`))
        .set('Authorization', auth('wrong pass word'))
        .send({ title: 'x' })
        .expect(401);
      expect(res.body).toEqual({
        code: 'incorrect_password',
        message: expect.any(String),
        data: { status: 401 },
      });
    });

    it('answers an unknown user with 401 invalid_username', async () => {
      const res = await api()
        .get(path(`${V2}/posts`))
        .set('Authorization', auth(site.applicationPassword, 'ghost'))
        .expect(401);
      expect(res.body.code).toBe('invalid_username');
    });

    it('refuses anonymous writes with 401 rest_cannot_create and subscribers with 403', async () => {
      const anon = await api()
        .post(path(`${V2}/posts`))
        .send({ title: 'x' })
        .expect(401);
      expect(anon.body).toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
      const sub = (
        await api()
          .post('/_sandbox/wordpress/sites')
          .send({ site: 'blog', username: 'sub', role: 'subscriber' })
          .expect(201)
      ).body;
      const res = await api()
        .post(path(`${V2}/posts`))
        .set('Authorization', auth(sub.applicationPassword, 'sub'))
        .send({ title: 'x' })
        .expect(403);
      expect(res.body.code).toBe('rest_cannot_create');
    });

    it('does not let a contributor publish', async () => {
      const c = (
        await api()
          .post('/_sandbox/wordpress/sites')
          .send({ site: 'blog', username: 'con', role: 'contributor' })
      ).body;
      const res = await api()
        .post(path(`${V2}/posts`))
        .set('Authorization', auth(c.applicationPassword, 'con'))
        .send({ title: 'x', status: 'publish' })
        .expect(403);
      expect(res.body.code).toBe('rest_cannot_publish');
    });
  });

  describe('posts', () => {
    it('creates a post with 201, a Location header and the documented body', async () => {
      const res = await createPost({
        title: 'Open on Saturday',
        content: 'We are open.\n\nCall us.',
        excerpt: 'Open',
        status: 'publish',
        categories: [3],
        tags: [4, 5],
      }).expect(201);
      expect(res.headers['location']).toBe(`${site.siteUrl}/wp-json/wp/v2/posts/${res.body.id}`);
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        status: 'publish',
        slug: 'open-on-saturday',
        link: `${site.siteUrl}/open-on-saturday/`,
        date_gmt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        guid: { rendered: `${site.siteUrl}/?p=${res.body.id}`, raw: expect.any(String) },
        title: { raw: 'Open on Saturday', rendered: 'Open on Saturday' },
        content: { raw: 'We are open.\n\nCall us.', rendered: '<p>We are open.</p>\n\n<p>Call us.</p>\n' },
        categories: [3],
        tags: [4, 5],
      });
      const fetched = await api().get(res.headers['location'].replace(base, '')).expect(200);
      expect(fetched.body.title).toEqual({ rendered: 'Open on Saturday' });
    });

    it('makes slugs unique', async () => {
      await createPost({ title: 'Same', status: 'publish' }).expect(201);
      expect((await createPost({ title: 'Same', status: 'publish' }).expect(201)).body.slug).toBe('same-2');
    });

    it('stores publish dated more than 60 s ahead as future, and a past future as publish', async () => {
      const ahead = new Date(Date.now() + 3600_000).toISOString().slice(0, 19);
      const soon = new Date(Date.now() + 30_000).toISOString().slice(0, 19);
      expect(
        (await createPost({ title: 'later', status: 'publish', date_gmt: ahead }).expect(201)).body,
      ).toMatchObject({ status: 'future', date_gmt: ahead });
      expect(
        (await createPost({ title: 'soon', status: 'publish', date_gmt: soon }).expect(201)).body.status,
      ).toBe('publish');
      expect(
        (await createPost({ title: 'past', status: 'future', date: '2020-01-01T10:00:00' }).expect(201)).body
          .status,
      ).toBe('publish');
    });

    it('publishes a future post once its date has come', async () => {
      const ahead = new Date(Date.now() + 3600_000).toISOString().slice(0, 19);
      const { id } = (await createPost({ title: 'Due', status: 'publish', date_gmt: ahead }).expect(201))
        .body;
      expect(
        (
          await api()
            .get(path(`${V2}/posts`))
            .expect(200)
        ).body,
      ).toEqual([]);
      const stored = state.sites.get('blog')?.posts.get(id);
      if (stored) stored.dateGmt = new Date(Date.now() - 1000);
      const list = await api()
        .get(path(`${V2}/posts`))
        .expect(200);
      expect(list.body.map((p: { id: number; status: string }) => [p.id, p.status])).toEqual([
        [id, 'publish'],
      ]);
      expect(list.headers['x-wp-total']).toBe('1');
    });

    it('names every invalid parameter in data.params', async () => {
      const res = await createPost({
        title: 'x',
        status: 'live',
        date_gmt: 'tomorrow',
        categories: ['news'],
        featured_media: 'pic',
      }).expect(400);
      expect(res.body.code).toBe('rest_invalid_param');
      expect(res.body.data.status).toBe(400);
      expect(Object.keys(res.body.data.params).sort()).toEqual([
        'categories',
        'date_gmt',
        'featured_media',
        'status',
      ]);
    });

    it('rejects an unknown featured media id and an empty post', async () => {
      expect((await createPost({ title: 'x', featured_media: 999 }).expect(400)).body.code).toBe(
        'rest_invalid_featured_media',
      );
      expect((await createPost({ status: 'draft' }).expect(400)).body.code).toBe('empty_content');
    });

    it('accepts form-encoded bodies and the ?rest_route= form', async () => {
      const res = await api()
        .post('/wp/blog/?rest_route=/wp/v2/posts')
        .set('Authorization', auth())
        .type('form')
        .send({ title: 'Plain', status: 'publish', categories: '2,3' })
        .expect(201);
      expect(res.body.categories).toEqual([2, 3]);
      expect(res.headers['location']).toBe(`${site.siteUrl}/?rest_route=/wp/v2/posts/${res.body.id}`);
      expect(res.body.link).toBe(`${site.siteUrl}/?p=${res.body.id}`);
    });

    it('trashes, refuses to trash twice, and force-deletes', async () => {
      const id = (await createPost({ title: 'bye', status: 'publish' })).body.id;
      const trashed = await api()
        .delete(path(`${V2}/posts/${id}`))
        .set('Authorization', auth())
        .expect(200);
      expect(trashed.body.status).toBe('trash');
      expect(
        (
          await api()
            .delete(path(`${V2}/posts/${id}`))
            .set('Authorization', auth())
            .expect(410)
        ).body.code,
      ).toBe('rest_already_trashed');
      const gone = await api()
        .delete(path(`${V2}/posts/${id}?force=true`))
        .set('Authorization', auth())
        .expect(200);
      expect(gone.body).toMatchObject({ deleted: true, previous: { id, status: 'trash' } });
      const missing = await api()
        .delete(path(`${V2}/posts/${id}`))
        .set('Authorization', auth())
        .expect(404);
      expect(missing.body).toEqual({
        code: 'rest_post_invalid_id',
        message: 'Invalid post ID.',
        data: { status: 404 },
      });
      expect(
        (
          await api()
            .delete(path(`${V2}/posts/${id}`))
            .expect(401)
        ).body.code,
      ).toBe('rest_cannot_delete');
    });
  });

  describe('categories and tags', () => {
    it('creates terms, finds them by search, and answers term_exists with the id', async () => {
      const created = await api()
        .post(path(`${V2}/categories`))
        .set('Authorization', auth())
        .send({ name: 'Flu & colds' })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Flu &amp; colds',
        slug: 'flu-colds',
        taxonomy: 'category',
      });
      expect(created.headers['location']).toContain(`/categories/${created.body.id}`);
      const again = await api()
        .post(path(`${V2}/categories`))
        .set('Authorization', auth())
        .send({ name: 'flu & COLDS' })
        .expect(400);
      expect(again.body).toEqual({
        code: 'term_exists',
        message: 'A term with the name provided already exists with this parent.',
        data: { status: 400, term_id: created.body.id },
      });
      const found = await api()
        .get(path(`${V2}/categories?search=flu`))
        .expect(200);
      expect(found.body.map((t: { id: number }) => t.id)).toEqual([created.body.id]);
      expect(found.headers['x-wp-total']).toBe('1');
      // Tags are their own taxonomy: the same name is a new term there.
      const tag = await api()
        .post(path(`${V2}/tags`))
        .set('Authorization', auth())
        .send({ name: 'Flu & colds' });
      expect(tag.status).toBe(201);
      expect(tag.body.id).not.toBe(created.body.id);
      expect(tag.body).not.toHaveProperty('parent');
    });

    it('refuses to create terms without credentials or a name', async () => {
      await api()
        .post(path(`${V2}/tags`))
        .send({ name: 'flu' })
        .expect(401);
      const nameless = await api()
        .post(path(`${V2}/tags`))
        .set('Authorization', auth())
        .send({})
        .expect(400);
      expect(nameless.body.code).toBe('rest_missing_callback_param');
    });

    it('counts the posts filed under a term', async () => {
      const news = (
        await api()
          .post(path(`${V2}/categories`))
          .set('Authorization', auth())
          .send({ name: 'News' })
          .expect(201)
      ).body.id;
      await createPost({ title: 'Open late', status: 'publish', categories: [news] }).expect(201);
      const listed = await api()
        .get(path(`${V2}/categories`))
        .expect(200);
      expect(listed.body.find((t: { id: number }) => t.id === news).count).toBe(1);
      expect(listed.body.map((t: { name: string }) => t.name)).toEqual(['News', 'Uncategorized']);
    });
  });

  describe('media', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

    it('uploads a raw body and serves it at source_url; alt text can be set', async () => {
      const res = await api()
        .post(path(`${V2}/media`))
        .set('Authorization', auth())
        .set('Content-Type', 'image/png')
        .set('Content-Disposition', 'attachment; filename="waiting-room.png"')
        .send(png)
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        media_type: 'image',
        mime_type: 'image/png',
        source_url: expect.stringMatching(/\/wp-content\/uploads\/\d{4}\/\d\d\/waiting-room\.png$/),
      });
      expect(res.headers['location']).toContain(`/wp/v2/media/${res.body.id}`);
      const file = await api()
        .get(new URL(res.body.source_url).pathname)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, png)).toBe(0);
      const alt = await api()
        .post(path(`${V2}/media/${res.body.id}`))
        .set('Authorization', auth())
        .send({ alt_text: 'Our waiting room' })
        .expect(200);
      expect(alt.body.alt_text).toBe('Our waiting room');
      const post = await createPost({ title: 'With image', featured_media: res.body.id }).expect(201);
      expect(post.body.featured_media).toBe(res.body.id);
    });

    it('requires a Content-Disposition, data, an allowed type and a signed-in user', async () => {
      const upload = () =>
        api()
          .post(path(`${V2}/media`))
          .set('Authorization', auth());
      expect((await upload().set('Content-Type', 'image/png').send(png).expect(400)).body).toEqual({
        code: 'rest_upload_no_content_disposition',
        message: 'No Content-Disposition supplied.',
        data: { status: 400 },
      });
      expect(
        (
          await upload()
            .set('Content-Type', 'image/png')
            .set('Content-Disposition', 'attachment')
            .send(png)
            .expect(400)
        ).body.code,
      ).toBe('rest_upload_invalid_disposition');
      expect(
        (
          await upload()
            .set('Content-Type', 'image/png')
            .set('Content-Disposition', 'attachment; filename="a.png"')
            .expect(400)
        ).body.code,
      ).toBe('rest_upload_no_data');
      expect(
        (
          await upload()
            .set('Content-Type', 'application/x-msdownload')
            .set('Content-Disposition', 'attachment; filename="a.exe"')
            .send(png)
            .expect(500)
        ).body.code,
      ).toBe('rest_upload_sideload_error');
      await api()
        .post(path(`${V2}/media`))
        .set('Content-Type', 'image/png')
        .set('Content-Disposition', 'attachment; filename="a.png"')
        .send(png)
        .expect(401);
      expect(
        (
          await api()
            .post(path(`${V2}/media/999`))
            .set('Authorization', auth())
            .send({ alt_text: 'x' })
            .expect(404)
        ).body.code,
      ).toBe('rest_post_invalid_id');
    });
  });

  describe('moderation and text, as strict as WordPress', () => {
    const visitor = (postId: number, body: Record<string, unknown>) =>
      api()
        .post('/_sandbox/wordpress/sites/blog/comments')
        .send({ post: postId, author_name: 'Jo', author_email: 'jo@example.org', ...body })
        .expect(201);
    const list = (query: Record<string, string | number>, authorised = true) => {
      const req = api()
        .get(path(`${V2}/comments`))
        .query(query);
      return authorised ? req.set('Authorization', auth()) : req;
    };

    it('holds a first-time commenter, and approves the next comment once one was approved', async () => {
      const postId = (await createPost({ title: 'Open', status: 'publish' }).expect(201)).body.id;
      const first = (await visitor(postId, { content: 'First time here' })).body;
      expect(first.status).toBe('hold');
      expect((await list({ post: postId }, false).expect(200)).body).toEqual([]);
      // A different email is someone else for WordPress.
      expect(
        (await visitor(postId, { content: 'Me again', author_email: 'other@example.org' })).body.status,
      ).toBe('hold');
      await api()
        .post(path(`${V2}/comments/${first.id}`))
        .set('Authorization', auth())
        .send({ status: 'approved' })
        .expect(200);
      expect((await visitor(postId, { content: 'Thanks!' })).body.status).toBe('approved');
      expect(
        (
          await visitor(postId, {
            content: '<a href="https://a.example">a</a> <a href="https://b.example">b</a>',
          })
        ).body.status,
      ).toBe('hold');
      const all = await list({
        post: postId,
        context: 'edit',
        status: 'all',
        orderby: 'id',
        order: 'asc',
      }).expect(200);
      expect(all.body.map((c: { status: string }) => c.status)).toEqual([
        'approved',
        'hold',
        'approved',
        'hold',
      ]);
    });

    it('asks for moderation rights for context=edit, held comments and single held comments', async () => {
      const postId = (await createPost({ title: 'Open', status: 'publish' }).expect(201)).body.id;
      const held = (await visitor(postId, { content: 'Held' })).body;
      expect((await list({ context: 'edit' }, false).expect(401)).body.code).toBe('rest_forbidden_context');
      expect((await list({ status: 'hold' }, false).expect(401)).body.code).toBe('rest_forbidden_param');
      expect(
        (
          await api()
            .get(path(`${V2}/comments/${held.id}`))
            .expect(401)
        ).body.code,
      ).toBe('rest_cannot_read');
      const author = (
        await api()
          .post('/_sandbox/wordpress/sites')
          .send({ site: 'blog', username: 'writer', role: 'author' })
          .expect(201)
      ).body;
      const asAuthor = `Basic ${Buffer.from(`writer:${author.applicationPassword}`).toString('base64')}`;
      expect(
        (
          await api()
            .get(path(`${V2}/comments?context=edit`))
            .set('Authorization', asAuthor)
            .expect(403)
        ).body.code,
      ).toBe('rest_forbidden_context');
      expect(
        (await list({ status: 'hold', context: 'edit' }).expect(200)).body.map((c: { id: number }) => c.id),
      ).toEqual([held.id]);
      // "hold,approve" is not a list for WordPress: it matches nothing.
      expect((await list({ status: 'hold,approve' }).expect(200)).body).toEqual([]);
    });

    it("keeps a visitor's text filtered and renders it texturised, with the raw text in context=edit", async () => {
      const postId = (await createPost({ title: 'Open', status: 'publish' }).expect(201)).body.id;
      await visitor(postId, {
        content: 'It\'s "great" & <b>fine</b> -- ok<script>alert(1)</script>',
        status: 'approved',
      });
      const [comment] = (await list({ post: postId, context: 'edit' }).expect(200)).body;
      expect(comment.content).toEqual({
        raw: 'It\'s "great" &amp; <b>fine</b> -- ok',
        rendered: '<p>It&#8217;s &#8220;great&#8221; &amp; <b>fine</b> &#8212; ok</p>\n',
      });
      const reply = await api()
        .post(path(`${V2}/comments`))
        .set('Authorization', auth())
        .send({ post: postId, content: 'Thanks & "call" us' })
        .expect(201);
      expect(reply.body.status).toBe('approved');
      expect(reply.body.content.rendered).toBe('<p>Thanks &#038; &#8220;call&#8221; us</p>\n');
    });

    it('moves comments to spam and trash, deletes them for good, and names the signed-in user', async () => {
      const postId = (await createPost({ title: 'Open', status: 'publish' }).expect(201)).body.id;
      const one = (await visitor(postId, { content: 'one' })).body;
      const two = (await visitor(postId, { content: 'two', author_email: 'two@example.org' })).body;
      const update = (id: number, status: string) =>
        api()
          .post(path(`${V2}/comments/${id}`))
          .set('Authorization', auth())
          .send({ status });
      expect((await update(one.id, 'spam').expect(200)).body.status).toBe('spam');
      expect(
        (
          await api()
            .delete(path(`${V2}/comments/${two.id}`))
            .set('Authorization', auth())
            .expect(200)
        ).body.status,
      ).toBe('trash');
      expect((await list({ status: 'all' }).expect(200)).body).toEqual([]);
      expect((await list({ status: 'spam' }).expect(200)).body.map((c: { id: number }) => c.id)).toEqual([
        one.id,
      ]);
      await api()
        .delete(path(`${V2}/comments/${two.id}?force=true`))
        .set('Authorization', auth())
        .expect(200);
      expect(
        (
          await api()
            .get(path(`${V2}/comments/${two.id}?context=edit`))
            .set('Authorization', auth())
            .expect(404)
        ).body.code,
      ).toBe('rest_comment_invalid_id');
      expect(
        (
          await api()
            .get(path(`${V2}/users/me`))
            .set('Authorization', auth())
            .expect(200)
        ).body,
      ).toMatchObject({
        id: 1,
        slug: site.username,
      });
      expect(
        (
          await api()
            .get(path(`${V2}/users/me`))
            .expect(401)
        ).body.code,
      ).toBe('rest_not_logged_in');
    });

    it('stores term names escaped: a search by the plain name with & finds nothing', async () => {
      const tag = await api()
        .post(path(`${V2}/tags`))
        .set('Authorization', auth())
        .send({ name: 'Vaccines & shots' })
        .expect(201);
      expect(tag.body.name).toBe('Vaccines &amp; shots');
      expect(
        (
          await api()
            .get(path(`${V2}/tags`))
            .query({ search: 'Vaccines & shots' })
            .expect(200)
        ).body,
      ).toEqual([]);
      expect(
        (
          await api()
            .get(path(`${V2}/tags`))
            .query({ search: 'vaccines' })
            .expect(200)
        ).body,
      ).toHaveLength(1);
      const again = await api()
        .post(path(`${V2}/tags`))
        .set('Authorization', auth())
        .send({ name: 'VACCINES & SHOTS' })
        .expect(400);
      expect(again.body).toEqual({
        code: 'term_exists',
        message: 'A term with the name provided already exists in this taxonomy.',
        data: { status: 400, term_id: tag.body.id },
      });
    });

    it('serves a plain-permalink site only through ?rest_route=', async () => {
      await api().post('/_sandbox/wordpress/sites').send({ site: 'plain', permalinks: 'plain' }).expect(201);
      expect((await api().get('/wp/plain/wp-json/').expect(404)).headers['content-type']).toMatch(/html/);
      expect((await api().get('/wp/plain/?rest_route=/').expect(200)).body.namespaces).toContain('wp/v2');
    });
  });

  describe('comments', () => {
    it('pages through comments with X-WP-Total, X-WP-TotalPages and Link rel="next"', async () => {
      const postId = await postWithComments(5);
      const seen: string[] = [];
      let url: string | undefined = `${base}${path(`${V2}/comments`)}?post=${postId}&per_page=2&order=asc`;
      let pages = 0;
      while (url) {
        const target: URL = new URL(url);
        const res = await api()
          .get(target.pathname + target.search)
          .expect(200);
        expect(res.headers['x-wp-total']).toBe('5');
        expect(res.headers['x-wp-totalpages']).toBe('3');
        seen.push(...res.body.map((c: { content: { rendered: string } }) => c.content.rendered));
        url = /<([^>]+)>; rel="next"/.exec(res.headers['link'] ?? '')?.[1];
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => `<p>visitor ${i}</p>\n`));
    });

    it('spells Link URLs the ?rest_route= way when asked that way', async () => {
      const postId = await postWithComments(3);
      const first = await api()
        .get(`/wp/blog/?rest_route=/wp/v2/comments&post=${postId}&per_page=2`)
        .expect(200);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers['link'])?.[1] ?? '';
      expect(next).toBe(`${site.siteUrl}/?rest_route=/wp/v2/comments&post=${postId}&per_page=2&page=2`);
      const target = new URL(next);
      const second = await api()
        .get(target.pathname + target.search)
        .expect(200);
      expect(second.body.map((c: { author_name: string }) => c.author_name)).toEqual(['V1']);
      expect(second.headers['link']).toMatch(/rel="prev"/);
      expect(second.headers['link']).not.toMatch(/rel="next"/);
    });

    it('filters by after, newest first by default, with the comment shape', async () => {
      const postId = await postWithComments(4);
      const res = await api()
        .get(path(`${V2}/comments`))
        .query({ post: postId, after: '2026-01-01T00:02:00', per_page: 100 })
        .expect(200);
      expect(res.body.map((c: { author_name: string }) => c.author_name)).toEqual(['V4', 'V3']);
      expect(res.body[0]).toMatchObject({
        id: expect.any(Number),
        post: postId,
        parent: 0,
        date_gmt: '2026-01-01T00:04:00',
        status: 'approved',
        link: expect.stringContaining('#comment-'),
      });
      expect(res.headers['link']).toBeUndefined();
    });

    it('rejects bad list parameters and pages past the end', async () => {
      const postId = await postWithComments(1);
      const bad = await api()
        .get(path(`${V2}/comments`))
        .query({ post: postId, per_page: 500, after: 'yesterday' })
        .expect(400);
      expect(Object.keys(bad.body.data.params).sort()).toEqual(['after', 'per_page']);
      expect(
        (
          await api()
            .get(path(`${V2}/comments`))
            .query({ post: postId, page: 9 })
            .expect(400)
        ).body.code,
      ).toBe('rest_comment_invalid_page_number');
    });

    it('replies to a comment and refuses anonymous, duplicate and post-less replies', async () => {
      const postId = await postWithComments(1);
      const [visitor] = (
        await api()
          .get(path(`${V2}/comments`))
          .query({ post: postId })
      ).body;
      const reply = await api()
        .post(path(`${V2}/comments`))
        .set('Authorization', auth())
        .send({ post: postId, parent: visitor.id, content: 'Thank you!' })
        .expect(201);
      expect(reply.body).toMatchObject({
        post: postId,
        parent: visitor.id,
        author_name: site.username,
        content: { raw: 'Thank you!' },
      });
      expect(reply.headers['location']).toContain(`/wp/v2/comments/${reply.body.id}`);
      expect(
        (
          await api()
            .post(path(`${V2}/comments`))
            .set('Authorization', auth())
            .send({ post: postId, parent: visitor.id, content: 'Thank you!' })
            .expect(409)
        ).body.code,
      ).toBe('comment_duplicate');
      expect(
        (
          await api()
            .post(path(`${V2}/comments`))
            .send({ post: postId, content: 'hi' })
            .expect(401)
        ).body.code,
      ).toBe('rest_comment_login_required');
      expect(
        (
          await api()
            .post(path(`${V2}/comments`))
            .set('Authorization', auth())
            .send({ post: 999, content: 'hi' })
            .expect(403)
        ).body.code,
      ).toBe('rest_comment_invalid_post_id');
      expect(
        (
          await api()
            .post(path(`${V2}/comments`))
            .set('Authorization', auth())
            .send({ post: postId, content: '' })
            .expect(400)
        ).body.code,
      ).toBe('rest_comment_content_invalid');
    });
  });

  describe('faults and control', () => {
    it('injects a status failure once', async () => {
      await api()
        .post('/_sandbox/wordpress/faults')
        .send({
          site: 'blog',
          route: '/wp/v2/posts',
          method: 'POST',
          kind: 'status',
          status: 503,
          code: 'maintenance',
          message: 'Briefly unavailable',
        })
        .expect(201);
      const res = await createPost({ title: 'x' }).expect(503);
      expect(res.body).toEqual({
        code: 'maintenance',
        message: 'Briefly unavailable',
        data: { status: 503 },
      });
      await createPost({ title: 'x' }).expect(201);
    });

    it('matches a fault route given with /wp-json, only on that site', async () => {
      await api().post('/_sandbox/wordpress/sites').send({ site: 'other' }).expect(201);
      await api()
        .post('/_sandbox/wordpress/faults')
        .send({ site: 'other', route: '/wp-json/wp/v2/media', kind: 'status', status: 502 })
        .expect(201);
      await api()
        .post(path(`${V2}/media`))
        .set('Authorization', auth())
        .expect(400);
      const res = await api().post(`/wp/other${V2}/media`).expect(502);
      expect(res.body).toMatchObject({ code: 'internal_server_error', data: { status: 502 } });
    });

    it('slows a request and drops one after accepting it', async () => {
      await api().post('/_sandbox/wordpress/faults').send({ kind: 'slow', delayMs: 250 }).expect(201);
      const started = Date.now();
      await api().get(path('/wp-json/')).expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      await api()
        .post('/_sandbox/wordpress/faults')
        .send({ kind: 'drop_after_accept', route: '/wp/v2/posts' })
        .expect(201);
      await expect(createPost({ title: 'Lost answer', status: 'publish' })).rejects.toThrow();
      const list = await api().get('/_sandbox/wordpress/sites/blog/posts').expect(200);
      expect(list.body.posts).toEqual([expect.objectContaining({ title: 'Lost answer', status: 'publish' })]);
    });

    it('validates faults and sites', async () => {
      await api().post('/_sandbox/wordpress/faults').send({ kind: 'boom' }).expect(400);
      await api().post('/_sandbox/wordpress/sites').send({ site: 'Bad Name!' }).expect(400);
      await api()
        .post('/_sandbox/wordpress/sites/nosite/comments')
        .send({ post: 1, content: 'x' })
        .expect(404);
    });

    it('resets every site', async () => {
      await api().post('/_sandbox/wordpress/reset').expect(200);
      await api().get(path('/wp-json/')).expect(404);
    });
  });
});
