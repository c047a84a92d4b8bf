import express from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createSandbox } from '../sandbox';
import { createFacebookEmulator } from './facebook-emulator';
import { type FacebookState, createFacebookState } from './facebook-state';

const G = '/graph/v24.0';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

describe('Facebook Graph API emulator', () => {
  let state: FacebookState;
  let server: Server;
  let base: string;
  let page: { pageId: string; pageToken: string; userToken: string };
  const api = () => request(base);

  beforeAll(async () => {
    state = createFacebookState();
    server = createServer(express().use(createFacebookEmulator(state)));
    base = await listen(server);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(async () => {
    await api().post('/_sandbox/facebook/reset').expect(200);
    page = (await api().post('/_sandbox/facebook/pages').send({ name: 'Riverside Dental' }).expect(201)).body;
  });

  const feed = (message: string, token = page.pageToken) =>
    api().post(`${G}/${page.pageId}/feed`).type('form').send({ message, access_token: token });

  async function postWithComments(count: number): Promise<string> {
    const postId = (await feed('Flu shots are in').expect(200)).body.id as string;
    for (let i = 1; i <= count; i += 1) {
      await api()
        .post('/_sandbox/facebook/comments')
        .send({ postId, message: `comment ${i}`, from: { id: `p${i}`, name: `Patient ${i}` } })
        .expect(201);
    }
    return postId;
  }

  describe('tokens', () => {
    it('lists the user’s pages with their page tokens and tasks', async () => {
      const res = await api().get(`${G}/me/accounts`).query({ access_token: page.userToken }).expect(200);
      expect(res.body.data).toEqual([
        expect.objectContaining({
          id: page.pageId,
          name: 'Riverside Dental',
          access_token: page.pageToken,
          tasks: expect.arrayContaining(['CREATE_CONTENT', 'MODERATE']),
        }),
      ]);
    });

    it('rejects a page token on /me/accounts with error 100', async () => {
      const res = await api().get(`${G}/me/accounts`).query({ access_token: page.pageToken }).expect(400);
      expect(res.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    });

    it('answers an unknown token with OAuthException 190 and a trace id', async () => {
      const res = await feed('hello', 'EAABnonsense').expect(400);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error).toEqual({
        message: expect.stringContaining('Invalid OAuth access token'),
        type: 'OAuthException',
        code: 190,
        fbtrace_id: expect.stringMatching(/^\w+$/),
      });
    });

    it('answers a missing token with error 104', async () => {
      const res = await api().post(`${G}/${page.pageId}/feed`).send({ message: 'hi' }).expect(400);
      expect(res.body.error.code).toBe(104);
    });

    it.each([463, 460, 458])('reports an invalidated token with 190 and subcode %i', async (subcode) => {
      await api()
        .post('/_sandbox/facebook/tokens/expire')
        .send({ token: page.pageToken, subcode })
        .expect(200);
      const res = await feed('after expiry').expect(400);
      expect(res.body.error).toMatchObject({ code: 190, error_subcode: subcode, type: 'OAuthException' });
    });

    it('expires with subcode 463 by default', async () => {
      await api().post('/_sandbox/facebook/tokens/expire').send({ token: page.userToken }).expect(200);
      const res = await api().get(`${G}/me/accounts`).query({ access_token: page.userToken }).expect(400);
      expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    });
  });

  describe('publishing', () => {
    it('publishes a form-encoded post and returns {pageid}_{postid}', async () => {
      const res = await feed('Open on Saturday').expect(200);
      expect(res.body).toEqual({ id: expect.stringMatching(new RegExp(`^${page.pageId}_\\d+$`)) });
      const published = await api().get(`/_sandbox/facebook/pages/${page.pageId}/published`).expect(200);
      expect(published.body.posts).toEqual([
        expect.objectContaining({ id: res.body.id, message: 'Open on Saturday', published: true }),
      ]);
    });

    it('accepts a JSON body with the token inside and the SDK’s extra id field', async () => {
      const res = await api()
        .post(`${G}/${page.pageId}/feed`)
        .send({
          id: page.pageId,
          message: 'From the SDK',
          link: 'https://example.org',
          access_token: page.pageToken,
        })
        .expect(200);
      expect(res.body.id).toMatch(/^\d+_\d+$/);
    });

    it('accepts the token in the query string', async () => {
      await api()
        .post(`${G}/${page.pageId}/feed`)
        .query({ access_token: page.pageToken })
        .send({ message: 'q' })
        .expect(200);
    });

    it('answers a malformed JSON body with error 100', async () => {
      const res = await api()
        .post(`${G}/${page.pageId}/feed`)
        .set('Content-Type', 'application/json')
        .send('{"message":')
        .expect(400);
      expect(res.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    });

    it('requires a message or link', async () => {
      const res = await api()
        .post(`${G}/${page.pageId}/feed`)
        .send({ access_token: page.pageToken })
        .expect(400);
      expect(res.body.error.code).toBe(100);
    });

    it('rejects the same text twice on a page with 506', async () => {
      await feed('Same words').expect(200);
      const res = await feed('Same words').expect(400);
      expect(res.body.error).toMatchObject({ code: 506, message: '(#506) Duplicate status message' });
    });

    it('schedules between 10 minutes and 30 days ahead, in Unix seconds or ISO 8601', async () => {
      const now = Math.floor(Date.now() / 1000);
      const schedule = (when: string | number, published = 'false') =>
        api()
          .post(`${G}/${page.pageId}/feed`)
          .type('form')
          .send({
            message: `at ${when}`,
            published,
            scheduled_publish_time: String(when),
            access_token: page.pageToken,
          });
      expect((await schedule(now + 5 * 60).expect(400)).body.error.code).toBe(100);
      expect((await schedule(now + 31 * 86400).expect(400)).body.error.code).toBe(100);
      expect((await schedule(now + 3600, 'true').expect(400)).body.error.code).toBe(100);
      await schedule(now + 3600).expect(200);
      await schedule(new Date((now + 7200) * 1000).toISOString()).expect(200);
      const list = await api()
        .get(`${G}/${page.pageId}/feed`)
        .query({ access_token: page.pageToken })
        .expect(200);
      expect(list.body.data).toEqual([]);
      const published = await api().get(`/_sandbox/facebook/pages/${page.pageId}/published`);
      expect(
        published.body.posts.map((p: { scheduled_publish_time: number }) => p.scheduled_publish_time),
      ).toEqual([now + 3600, now + 7200]);
    });

    it('shows a scheduled post in the feed once its time has come', async () => {
      const when = Math.floor(Date.now() / 1000) + 3600;
      const { id } = (
        await api()
          .post(`${G}/${page.pageId}/feed`)
          .send({
            message: 'Later',
            published: false,
            scheduled_publish_time: when,
            access_token: page.pageToken,
          })
          .expect(200)
      ).body;
      const listFeed = async () =>
        (await api().get(`${G}/${page.pageId}/feed`).query({ access_token: page.pageToken }).expect(200)).body
          .data;
      expect(await listFeed()).toEqual([]);
      const stored = state.posts.get(id);
      if (stored) stored.scheduledPublishTime = when - 7200;
      expect((await listFeed()).map((p: { id: string }) => p.id)).toEqual([id]);
    });

    it('refuses a user token and a page token without CREATE_CONTENT with error 200 (403)', async () => {
      const res = await feed('as user', page.userToken).expect(403);
      expect(res.body.error).toMatchObject({ code: 200, type: 'OAuthException' });
      const moderator = (
        await api()
          .post('/_sandbox/facebook/pages')
          .send({ name: 'Mods only', tasks: ['MODERATE'] })
          .expect(201)
      ).body;
      const denied = await api()
        .post(`${G}/${moderator.pageId}/feed`)
        .send({ message: 'x', access_token: moderator.pageToken })
        .expect(403);
      expect(denied.body.error.code).toBe(200);
      const other = await api()
        .post(`${G}/${moderator.pageId}/feed`)
        .send({ message: 'x', access_token: page.pageToken });
      expect(other.status).toBe(403);
    });

    it('publishes a photo by url and by multipart source', async () => {
      const byUrl = await api()
        .post(`${G}/${page.pageId}/photos`)
        .send({ url: 'https://cdn.example.org/a.jpg', caption: 'Our team', access_token: page.pageToken })
        .expect(200);
      expect(byUrl.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        post_id: expect.stringMatching(/^\d+_\d+$/),
      });
      const byFile = await api()
        .post(`${G}/${page.pageId}/photos`)
        .field('access_token', page.pageToken)
        .field('caption', 'Waiting room')
        .attach('source', Buffer.from('\x89PNG fake'), { filename: 'room.png', contentType: 'image/png' })
        .expect(200);
      expect(byFile.body.post_id).toMatch(new RegExp(`^${page.pageId}_`));
      const published = await api().get(`/_sandbox/facebook/pages/${page.pageId}/published`);
      expect(published.body.posts[1]).toMatchObject({
        message: 'Waiting room',
        photo_url: expect.stringContaining('room.png'),
      });
    });

    it('rejects a photo without a file (324) or with a bad url (100)', async () => {
      const none = await api()
        .post(`${G}/${page.pageId}/photos`)
        .send({ access_token: page.pageToken })
        .expect(400);
      expect(none.body.error.code).toBe(324);
      const badUrl = await api()
        .post(`${G}/${page.pageId}/photos`)
        .send({ url: 'not a url', access_token: page.pageToken })
        .expect(400);
      expect(badUrl.body.error.code).toBe(100);
    });

    it('lists the feed newest first and deletes a post', async () => {
      const first = (await feed('first').expect(200)).body.id;
      const second = (await feed('second').expect(200)).body.id;
      const list = await api()
        .get(`${G}/${page.pageId}/feed`)
        .query({ access_token: page.pageToken })
        .expect(200);
      expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([second, first]);
      expect(list.body.data[0]).toEqual({
        id: second,
        message: 'second',
        created_time: expect.stringMatching(/\+0000$/),
      });
      const del = await api().delete(`${G}/${first}`).query({ access_token: page.pageToken }).expect(200);
      expect(del.body).toEqual({ success: true });
      const again = await api().delete(`${G}/${first}`).query({ access_token: page.pageToken }).expect(400);
      expect(again.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
      const after = await api().get(`${G}/${page.pageId}/feed`).query({ access_token: page.pageToken });
      expect(after.body.data.map((p: { id: string }) => p.id)).toEqual([second]);
    });
  });

  describe('comments', () => {
    it('pages through comments by following absolute next URLs verbatim', async () => {
      const postId = await postWithComments(5);
      const seen: string[] = [];
      let url: string | undefined = `${base}${G}/${postId}/comments?access_token=${page.pageToken}&limit=2`;
      let pages = 0;
      while (url) {
        const target: URL = new URL(url);
        expect(target.origin).toBe(base);
        const res = await request(target.origin)
          .get(target.pathname + target.search)
          .expect(200);
        seen.push(...res.body.data.map((c: { message: string }) => c.message));
        expect(res.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
        url = res.body.paging.next;
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(['comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']);
    });

    it('goes back with the previous URL and the before cursor', async () => {
      const postId = await postWithComments(4);
      const first = await api()
        .get(`${G}/${postId}/comments`)
        .query({ access_token: page.pageToken, limit: 2 });
      expect(first.body.paging.previous).toBeUndefined();
      const next = new URL(first.body.paging.next);
      const second = await api()
        .get(next.pathname + next.search)
        .expect(200);
      expect(second.body.paging.next).toBeUndefined();
      const prev = new URL(second.body.paging.previous);
      const back = await api()
        .get(prev.pathname + prev.search)
        .expect(200);
      expect(back.body.data.map((c: { message: string }) => c.message)).toEqual(['comment 1', 'comment 2']);
    });

    it('returns the contract’s comment fields when asked', async () => {
      const postId = await postWithComments(1);
      const fields =
        'id,message,created_time,from{id,name},parent,is_hidden,can_hide,like_count,comment_count,permalink_url';
      const res = await api()
        .get(`${G}/${postId}/comments`)
        .query({ access_token: page.pageToken, fields })
        .expect(200);
      const [localPostId] = postId.split('_').slice(1);
      expect(res.body.data[0]).toEqual({
        id: expect.stringMatching(new RegExp(`^${localPostId}_\\d+$`)),
        message: 'comment 1',
        created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
        from: { id: 'p1', name: 'Patient 1' },
        is_hidden: false,
        can_hide: true,
        like_count: 0,
        comment_count: 0,
        permalink_url: expect.stringContaining(`https://www.facebook.com/${page.pageId}/posts/`),
      });
      const defaults = await api().get(`${G}/${postId}/comments`).query({ access_token: page.pageToken });
      expect(Object.keys(defaults.body.data[0]).sort()).toEqual(['created_time', 'from', 'id', 'message']);
      const bad = await api()
        .get(`${G}/${postId}/comments`)
        .query({ access_token: page.pageToken, fields: 'id,nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe(100);
    });

    it('replies to a comment, threads the reply, and flattens replies to replies', async () => {
      const postId = await postWithComments(1);
      const list = await api().get(`${G}/${postId}/comments`).query({ access_token: page.pageToken });
      const commentId = list.body.data[0].id as string;
      const reply = await api()
        .post(`${G}/${commentId}/comments`)
        .type('form')
        .send({ message: 'Thanks for asking!', access_token: page.pageToken })
        .expect(200);
      expect(reply.body).toEqual({ id: expect.stringMatching(/^\d+_\d+$/) });
      const nested = await api()
        .post(`${G}/${reply.body.id}/comments`)
        .send({ message: 'And more', access_token: page.pageToken })
        .expect(200);
      const replies = await api()
        .get(`${G}/${commentId}/comments`)
        .query({ access_token: page.pageToken, fields: 'id,message,from,parent{id},can_hide' });
      expect(replies.body.data).toEqual([
        expect.objectContaining({
          id: reply.body.id,
          from: { id: page.pageId, name: 'Riverside Dental' },
          can_hide: false,
        }),
        expect.objectContaining({ id: nested.body.id, parent: expect.objectContaining({ id: commentId }) }),
      ]);
      const top = await api()
        .get(`${G}/${postId}/comments`)
        .query({ access_token: page.pageToken, fields: 'comment_count' });
      expect(top.body.data).toEqual([{ id: commentId, comment_count: 2 }]);
      const stream = await api()
        .get(`${G}/${postId}/comments`)
        .query({ access_token: page.pageToken, filter: 'stream' });
      expect(stream.body.data).toHaveLength(3);
    });

    it('hides a comment and needs the page token to do it', async () => {
      const postId = await postWithComments(1);
      const list = await api().get(`${G}/${postId}/comments`).query({ access_token: page.pageToken });
      const commentId = list.body.data[0].id as string;
      const denied = await api()
        .post(`${G}/${commentId}`)
        .send({ is_hidden: true, access_token: page.userToken });
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe(200);
      const res = await api()
        .post(`${G}/${commentId}`)
        .type('form')
        .send({ is_hidden: 'true', access_token: page.pageToken })
        .expect(200);
      expect(res.body).toEqual({ success: true });
      const after = await api()
        .get(`${G}/${commentId}`)
        .query({ access_token: page.pageToken, fields: 'is_hidden' });
      expect(after.body).toEqual({ id: commentId, is_hidden: true });
    });

    it('answers an unknown comment id with 100/33', async () => {
      const res = await api().get(`${G}/1_2/comments`).query({ access_token: page.pageToken }).expect(400);
      expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    });
  });

  describe('post engagement', () => {
    const METRICS = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';
    const readPost = (postId: string, fields: string) =>
      api().get(`${G}/${postId}`).query({ access_token: page.pageToken, fields });
    const control = (path: string, body: object) => api().post(`/_sandbox/facebook${path}`).send(body);

    it('answers zero counts, and no shares field, for a post nobody engaged with', async () => {
      const postId = (await feed('Quiet news').expect(200)).body.id as string;
      const res = await readPost(postId, METRICS).expect(200);
      expect(res.body).toEqual({
        reactions: { data: [], summary: { total_count: 0 } },
        comments: { data: [], summary: { total_count: 0 } },
        id: postId,
      });
    });

    it('counts reactions and shares set through the control API, and visible top-level comments', async () => {
      const postId = await postWithComments(3);
      await control(`/posts/${postId}/reactions`, { count: 17 }).expect(200, { postId, reactions: 17 });
      await control(`/posts/${postId}/shares`, { shares: 4 }).expect(200, { postId, shares: 4 });
      const list = await api().get(`${G}/${postId}/comments`).query({ access_token: page.pageToken });
      const [first, second] = list.body.data.map((c: { id: string }) => c.id);
      await api()
        .post(`${G}/${first}/comments`)
        .send({ message: 'Thanks!', access_token: page.pageToken })
        .expect(200);
      await api().post(`${G}/${second}`).send({ is_hidden: true, access_token: page.pageToken }).expect(200);

      const res = await readPost(postId, METRICS).expect(200);
      expect(res.body).toEqual({
        id: postId,
        reactions: { data: [], summary: { total_count: 17 } },
        comments: { data: [], summary: { total_count: 2 } },
        shares: { count: 4 },
      });
      const stream = await readPost(postId, 'comments.filter(stream).summary(true).limit(2),message').expect(
        200,
      );
      expect(stream.body).toEqual({
        id: postId,
        message: 'Flu shots are in',
        comments: {
          data: [
            expect.objectContaining({ message: 'comment 1' }),
            expect.objectContaining({ message: 'comment 2' }),
          ],
          summary: { order: 'chronological', total_count: 3, can_comment: true },
        },
      });
      await api().delete(`${G}/${postId}`).query({ access_token: page.pageToken }).expect(200);
      const gone = await readPost(postId, METRICS).expect(400);
      expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    });

    it('keeps the default post fields without `fields`, and refuses a field posts do not have', async () => {
      const postId = (await feed('Defaults').expect(200)).body.id as string;
      const plain = await api().get(`${G}/${postId}`).query({ access_token: page.pageToken }).expect(200);
      expect(Object.keys(plain.body).sort()).toEqual(['created_time', 'id', 'message']);
      const bad = await readPost(postId, 'id,nope').expect(400);
      expect(bad.body.error).toMatchObject({ code: 100 });
    });

    it('validates the control API: known live post, whole numbers >= 0', async () => {
      const postId = (await feed('Counted').expect(200)).body.id as string;
      await control('/posts/1_2/reactions', { count: 1 }).expect(404);
      await control(`/posts/${postId}/reactions`, { count: -1 }).expect(400);
      await control(`/posts/${postId}/reactions`, { count: '3' }).expect(400);
      await control(`/posts/${postId}/shares`, {}).expect(400);
      await control(`/posts/${postId}/shares`, { count: 2 }).expect(200, { postId, shares: 2 });
    });
  });

  describe('faults, rate limits and usage headers', () => {
    const inject = (fault: Record<string, unknown>) =>
      api().post('/_sandbox/facebook/faults').send(fault).expect(201);

    it('sends X-App-Usage and X-Business-Use-Case-Usage on normal answers', async () => {
      const res = await feed('usage').expect(200);
      expect(JSON.parse(res.headers['x-app-usage'])).toEqual({
        call_count: expect.any(Number),
        total_time: expect.any(Number),
        total_cputime: expect.any(Number),
      });
      const buc = JSON.parse(res.headers['x-business-use-case-usage']);
      expect(buc[page.pageId][0]).toMatchObject({ type: 'pages', estimated_time_to_regain_access: 0 });
    });

    it.each([4, 17, 32, 613, 80001])('injects rate limit %i once, with usage at 100%%', async (fbCode) => {
      await inject({ path: `/${page.pageId}/feed`, method: 'POST', kind: 'status', fbCode });
      const res = await feed('limited').expect(400);
      expect(res.body.error).toMatchObject({ code: fbCode, is_transient: true, type: 'OAuthException' });
      expect(JSON.parse(res.headers['x-app-usage']).call_count).toBe(100);
      const buc = JSON.parse(res.headers['x-business-use-case-usage'])[page.pageId][0];
      expect(buc).toMatchObject({ call_count: 100, estimated_time_to_regain_access: expect.any(Number) });
      expect(buc.estimated_time_to_regain_access).toBeGreaterThan(0);
      await feed('limited').expect(200);
    });

    it.each([1, 2])('injects transient error %i with is_transient', async (fbCode) => {
      await inject({ kind: 'status', fbCode, times: 2 });
      expect((await feed('t').expect(500)).body.error).toMatchObject({ code: fbCode, is_transient: true });
      expect((await feed('t').expect(500)).body.error.code).toBe(fbCode);
      await feed('t').expect(200);
    });

    it('slows an answer down', async () => {
      await inject({ kind: 'slow', delayMs: 300, path: `/${page.pageId}/*` });
      const started = Date.now();
      await feed('slow').expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('drops the connection after accepting, leaving the post published', async () => {
      await inject({ kind: 'drop_after_accept', method: 'POST' });
      await expect(feed('lost answer')).rejects.toThrow();
      const published = await api().get(`/_sandbox/facebook/pages/${page.pageId}/published`);
      expect(published.body.posts).toEqual([expect.objectContaining({ message: 'lost answer' })]);
      expect((await feed('lost answer').expect(400)).body.error.code).toBe(506);
    });

    it('matches a fault path given with the /graph/v24.0 prefix, and only that path', async () => {
      await inject({ path: `${G}/${page.pageId}/photos`, kind: 'status', fbCode: 368 });
      await feed('not a photo').expect(200);
      const res = await api()
        .post(`${G}/${page.pageId}/photos`)
        .send({ url: 'https://cdn.example.org/b.jpg', access_token: page.pageToken })
        .expect(400);
      expect(res.body.error.code).toBe(368);
    });

    it('validates injected faults', async () => {
      await api().post('/_sandbox/facebook/faults').send({ kind: 'explode' }).expect(400);
      await api().post('/_sandbox/facebook/faults').send({ kind: 'status' }).expect(400);
    });
  });

  describe('webhooks', () => {
    let receiver: Server;
    let receiverUrl: string;
    const received: { body: unknown; valid: boolean }[] = [];
    const secret = 'app-secret-123';

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const url = new URL(req.url ?? '/', 'http://x');
          if (req.method === 'GET') {
            const ok =
              url.searchParams.get('hub.mode') === 'subscribe' &&
              url.searchParams.get('hub.verify_token') === 'vt';
            res.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') : 'no');
            return;
          }
          const raw = Buffer.concat(chunks);
          const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
          const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
          const valid = given.length === expected.length && timingSafeEqual(given, expected);
          received.push({ body: JSON.parse(raw.toString('utf8')), valid });
          res.writeHead(valid ? 200 : 403).end();
        });
      });
      receiverUrl = await listen(receiver);
    });
    afterAll(() => new Promise((resolve) => receiver.close(resolve)));

    it('delivers a feed notification signed with HMAC-SHA256 of the raw body', async () => {
      const res = await api()
        .post('/_sandbox/facebook/webhook-deliveries')
        .send({
          url: `${receiverUrl}/hook`,
          appSecret: secret,
          pageId: page.pageId,
          item: 'comment',
          verb: 'add',
          message: 'Are you open?',
          postId: `${page.pageId}_1`,
          commentId: '1_2',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 200,
        delivered: true,
        signature: expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
      });
      const last = received[received.length - 1];
      expect(last.valid).toBe(true);
      expect(last.body).toEqual({
        object: 'page',
        entry: [
          {
            id: page.pageId,
            time: expect.any(Number),
            changes: [
              {
                field: 'feed',
                value: expect.objectContaining({
                  item: 'comment',
                  verb: 'add',
                  message: 'Are you open?',
                  comment_id: '1_2',
                  post_id: `${page.pageId}_1`,
                  from: expect.objectContaining({ name: expect.any(String) }),
                  created_time: expect.any(Number),
                }),
              },
            ],
          },
        ],
      });
    });

    it('reports the receiver’s refusal when signed with another secret', async () => {
      const res = await api()
        .post('/_sandbox/facebook/webhook-deliveries')
        .send({ url: receiverUrl, appSecret: 'wrong', pageId: page.pageId, item: 'post', verb: 'add' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 403, delivered: false });
      expect(received[received.length - 1].valid).toBe(false);
    });

    it('plays the verification handshake', async () => {
      const ok = await api()
        .post('/_sandbox/facebook/webhook-verify')
        .send({ url: `${receiverUrl}/hook`, verifyToken: 'vt' })
        .expect(200);
      expect(ok.body).toMatchObject({ status: 200, verified: true });
      expect(ok.body.body).toBe(ok.body.challenge);
      const bad = await api()
        .post('/_sandbox/facebook/webhook-verify')
        .send({ url: receiverUrl, verifyToken: 'nope' })
        .expect(200);
      expect(bad.body).toMatchObject({ status: 403, verified: false });
    });

    it('reports an unreachable receiver as 502', async () => {
      const res = await api()
        .post('/_sandbox/facebook/webhook-deliveries')
        .send({ url: 'http://127.0.0.1:1/hook', appSecret: secret, pageId: page.pageId });
      expect(res.status).toBe(502);
    });
  });

  it('is mounted in the sandbox under /graph/v24.0, answering unknown nodes the Graph way', async () => {
    const own = createFacebookState();
    const sandbox = createSandbox({ facebook: own });
    const created = await request(sandbox)
      .post('/_sandbox/facebook/pages')
      .send({ name: 'Mounted' })
      .expect(201);
    const res = await request(sandbox)
      .get(`${G}/me/accounts`)
      .query({ access_token: created.body.userToken })
      .expect(200);
    expect(res.body.data[0].id).toBe(created.body.pageId);
    expect(own.pages.has(created.body.pageId)).toBe(true);
    const unknown = await request(sandbox)
      .get(`${G}/123/nothing/here`)
      .query({ access_token: created.body.pageToken })
      .expect(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('resets all state', async () => {
    await feed('to be forgotten').expect(200);
    await api().post('/_sandbox/facebook/reset').expect(200);
    const res = await api().get(`${G}/me/accounts`).query({ access_token: page.userToken }).expect(400);
    expect(res.body.error.code).toBe(190);
  });
});
