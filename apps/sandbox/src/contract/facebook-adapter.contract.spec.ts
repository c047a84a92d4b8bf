// Contract tests: Carecast's Facebook Page adapter against the sandbox's Graph API emulator.
import type { IncomingMessage, Server } from 'node:http';
import request from 'supertest';
import type { AppConfig } from '@carecast/server/config';
import {
  AuthError,
  DuplicateError,
  FacebookAdapter,
  InvalidContentError,
  RetryableError,
  UnknownOutcomeError,
  type AdapterContext,
} from '@carecast/server/channels';
import { createFacebookState } from '../app/facebook';
import { createSandbox } from '../app/sandbox';

describe('Facebook Page adapter against the Graph API emulator', () => {
  let server: Server;
  let adapter: FacebookAdapter;
  let page: { pageId: string; pageToken: string; userToken: string };
  let ctx: AdapterContext;
  const control = () => request(server);
  const fault = (body: object) =>
    control()
      .post('/_sandbox/facebook/faults')
      .send(body)
      .expect((r) => expect(r.status).toBeLessThan(300));

  beforeAll(async () => {
    server = createSandbox({ facebook: createFacebookState() }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    adapter = new FacebookAdapter({
      platforms: { facebookGraphBaseUrl: `http://127.0.0.1:${port}/graph/v24.0` },
    } as AppConfig);
    page = (await control().post('/_sandbox/facebook/pages').send({ name: 'Riverside Family Medicine' }))
      .body;
    ctx = {
      organisationId: 'o1',
      channelId: 'c1',
      externalAccountId: page.pageId,
      credentials: { pageAccessToken: page.pageToken },
      settings: {},
    };
  });

  afterAll(() => new Promise((r) => server.close(r)));

  it('exchanges a user token for the page token of a page the user manages', async () => {
    const verified = await adapter.verifyCredentials({
      credentials: { userAccessToken: page.userToken },
      settings: { pageId: page.pageId },
    });
    expect(verified).toEqual({
      externalAccountId: page.pageId,
      displayName: 'Riverside Family Medicine',
      credentials: { pageAccessToken: page.pageToken },
    });
  });

  it('refuses a page the user does not manage, and a role without CREATE_CONTENT', async () => {
    await expect(
      adapter.verifyCredentials({
        credentials: { userAccessToken: page.userToken },
        settings: { pageId: '999' },
      }),
    ).rejects.toThrow('This Facebook account does not manage that page.');
    const moderator = (
      await control()
        .post('/_sandbox/facebook/pages')
        .send({ name: 'Moderated Page', tasks: ['MODERATE'] })
    ).body;
    await expect(
      adapter.verifyCredentials({
        credentials: { userAccessToken: moderator.userToken },
        settings: { pageId: moderator.pageId },
      }),
    ).rejects.toThrow(/does not allow creating posts/);
  });

  it('publishes a feed post with a link, and a photo post', async () => {
    const post = await adapter.publish(ctx, {
      text: 'Flu shots this Saturday.',
      link: 'https://riverside.example/flu',
    });
    expect(post.externalId).toMatch(new RegExp(`^${page.pageId}_\\d+$`));
    const photo = await adapter.publish(ctx, {
      text: 'Our new waiting room.',
      images: [{ bytes: Buffer.from('fake-png'), mimeType: 'image/png', altText: 'Blue chairs' }],
    });
    const published = JSON.stringify(
      (await control().get(`/_sandbox/facebook/pages/${page.pageId}/published`)).body,
    );
    expect(published).toContain('Flu shots this Saturday.');
    expect(published).toContain('https://riverside.example/flu');
    expect(published).toContain(photo.externalId.split('_').pop());
  });

  it('publishes several images as one post, each with its alt text, and refuses a fifth', async () => {
    const images = ['Front desk', 'Vaccine fridge', 'Parking'].map((altText, i) => ({
      bytes: Buffer.from(`fake-png-${i}`),
      mimeType: 'image/png',
      altText,
    }));
    const post = await adapter.publish(ctx, { text: 'A tour of the new clinic.', images });
    const published = (await control().get(`/_sandbox/facebook/pages/${page.pageId}/published`)).body as {
      posts: Array<{ id: string; message?: string; attached_photos?: Array<{ alt_text: string }> }>;
    };
    const tour = published.posts.find((p) => p.id === post.externalId);
    expect(tour?.message).toBe('A tour of the new clinic.');
    expect(tour?.attached_photos?.map((p) => p.alt_text)).toEqual([
      'Front desk',
      'Vaccine fridge',
      'Parking',
    ]);
    await expect(
      adapter.publish(ctx, { text: 'Too many', images: [...images, ...images] }),
    ).rejects.toBeInstanceOf(InvalidContentError);
  });

  it('finds the posts the page published since a moment, newest first', async () => {
    await adapter.publish(ctx, { text: 'Open late on Thursday.' });
    await adapter.publish(ctx, { text: 'Closed on the 25th.' });
    const recent = await adapter.findRecent(ctx, new Date(Date.now() - 60_000));
    expect(recent.map((p) => p.text)).toEqual(
      expect.arrayContaining(['Open late on Thursday.', 'Closed on the 25th.']),
    );
    expect(recent[0].text).toBe('Closed on the 25th.');
    expect(await adapter.findRecent(ctx, new Date(Date.now() + 60_000))).toEqual([]);
  });

  it('classifies duplicates, expired tokens, rate limits, transient errors and dropped connections', async () => {
    await adapter.publish(ctx, { text: 'Closed Monday.' });
    await expect(adapter.publish(ctx, { text: 'Closed Monday.' })).rejects.toBeInstanceOf(DuplicateError);

    await fault({ method: 'POST', path: `/${page.pageId}/feed`, kind: 'status', fbCode: 32 });
    const limited = (await adapter
      .publish(ctx, { text: 'rate limited' })
      .catch((e: unknown) => e)) as RetryableError;
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(60_000);

    await fault({ method: 'POST', path: `/${page.pageId}/feed`, kind: 'status', fbCode: 2 });
    await expect(adapter.publish(ctx, { text: 'transient' })).rejects.toBeInstanceOf(RetryableError);

    await fault({ method: 'POST', path: `/${page.pageId}/feed`, kind: 'status', fbCode: 100 });
    await expect(adapter.publish(ctx, { text: 'bad parameter' })).rejects.toBeInstanceOf(InvalidContentError);

    await fault({ method: 'POST', path: `/${page.pageId}/feed`, kind: 'drop_after_accept' });
    await expect(adapter.publish(ctx, { text: 'accepted then dropped' })).rejects.toBeInstanceOf(
      UnknownOutcomeError,
    );

    const other = (await control().post('/_sandbox/facebook/pages').send({ name: 'Expiring Page' })).body;
    await control()
      .post('/_sandbox/facebook/tokens/expire')
      .send({ token: other.pageToken })
      .expect((r) => expect(r.status).toBeLessThan(300));
    const expired: AdapterContext = {
      ...ctx,
      externalAccountId: other.pageId,
      credentials: { pageAccessToken: other.pageToken },
    };
    await expect(adapter.publish(expired, { text: 'hello' })).rejects.toBeInstanceOf(AuthError);
  });

  it('fetches metrics: reactions, visible top-level comments and shares; no impressions; deleted posts left out', async () => {
    expect(adapter.capabilities.metrics).toBe(true);
    const post = await adapter.publish(ctx, { text: 'Vaccination week starts Monday.' });
    const quiet = await adapter.publish(ctx, { text: 'New parking rules.' });
    const gone = await adapter.publish(ctx, { text: 'Posted by mistake.' });
    await adapter.delete(ctx, gone.externalId);
    expect(await adapter.fetchMetrics(ctx, [post.externalId])).toEqual([
      { externalId: post.externalId, reactions: 0, comments: 0, shares: 0, impressions: null },
    ]);
    await control()
      .post(`/_sandbox/facebook/posts/${post.externalId}/reactions`)
      .send({ count: 23 })
      .expect(200);
    await control()
      .post(`/_sandbox/facebook/posts/${post.externalId}/shares`)
      .send({ shares: 6 })
      .expect(200);
    const comments: string[] = [];
    for (const message of ['Can I bring my kids?', 'What time?', 'Spam spam']) {
      const res = await control()
        .post('/_sandbox/facebook/comments')
        .send({ postId: post.externalId, message, from: { name: 'A patient' } })
        .expect(201);
      comments.push(res.body.id);
    }
    await adapter.reply(ctx, comments[0], 'Yes, everyone is welcome.');
    await adapter.hide(ctx, comments[2]);

    const metrics = await adapter.fetchMetrics(ctx, [
      post.externalId,
      gone.externalId,
      `${page.pageId}_999999`,
      quiet.externalId,
    ]);
    expect(metrics).toEqual([
      { externalId: post.externalId, reactions: 23, comments: 2, shares: 6, impressions: null },
      { externalId: quiet.externalId, reactions: 0, comments: 0, shares: 0, impressions: null },
    ]);
    expect(await adapter.fetchMetrics(ctx, [])).toEqual([]);
  });

  it('classifies errors while fetching metrics', async () => {
    const post = await adapter.publish(ctx, { text: 'Metrics under pressure.' });
    await fault({ method: 'GET', path: `/${post.externalId}`, kind: 'status', fbCode: 32 });
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).rejects.toBeInstanceOf(RetryableError);
    await fault({ method: 'GET', path: `/${post.externalId}`, kind: 'status', fbCode: 2 });
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).rejects.toBeInstanceOf(RetryableError);
    await fault({ method: 'GET', path: `/${post.externalId}`, kind: 'status', fbCode: 190 });
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).rejects.toBeInstanceOf(AuthError);
    await expect(adapter.fetchMetrics(ctx, [post.externalId])).resolves.toHaveLength(1);
  });

  it("reads patients' comments across pages of results, replies and hides", async () => {
    const post = await adapter.publish(ctx, { text: 'How was your visit?' });
    for (let i = 0; i < 130; i++) {
      await control()
        .post('/_sandbox/facebook/comments')
        .send({ postId: post.externalId, message: `comment ${i}`, from: { name: `Patient ${i}` } });
    }
    const first = await adapter.fetchMentions(ctx, null);
    const onPost = first.mentions.filter((m) => m.conversationId === post.externalId);
    expect(onPost).toHaveLength(130);
    expect(new Set(onPost.map((m) => m.externalId)).size).toBe(130);
    // Written a second after the newest comment read (Graph times have whole seconds).
    const later = new Date(Date.parse(first.cursor as string) + 1_000).toISOString();
    await control()
      .post('/_sandbox/facebook/comments')
      .send({
        postId: post.externalId,
        message: 'I was billed twice',
        from: { name: 'Jo' },
        createdTime: later,
      });
    const next = await adapter.fetchMentions(ctx, first.cursor);
    expect(next.mentions.map((m) => m.text)).toEqual(['I was billed twice']);

    const reply = await adapter.reply(
      ctx,
      next.mentions[0].externalId,
      'Please call our office so we can help.',
    );
    expect(reply.externalId).toBeTruthy();
    await adapter.hide(ctx, next.mentions[0].externalId);
    await adapter.delete(ctx, post.externalId);
  });

  it('publishes exactly 63,206 characters, and refuses 63,207 itself: Facebook never sees the request', async () => {
    const requests: string[] = [];
    const count = (req: IncomingMessage) => requests.push(`${req.method} ${req.url}`);
    server.prependListener('request', count);
    try {
      const exact = `${'a'.repeat(63_205)}\u{1f600}`;
      expect(Array.from(exact)).toHaveLength(63_206);
      await expect(adapter.publish(ctx, { text: exact })).resolves.toMatchObject({
        externalId: expect.stringMatching(/_\d+$/),
      });
      expect(requests).toHaveLength(1);

      requests.length = 0;
      await expect(adapter.publish(ctx, { text: `b${exact}` })).rejects.toBeInstanceOf(InvalidContentError);
      // A photo's caption carries the link as well.
      await expect(
        adapter.publish(ctx, {
          text: 'c'.repeat(63_190),
          link: 'https://example.org/flu',
          images: [{ bytes: Buffer.from('fake-png'), mimeType: 'image/png', altText: 'Clinic' }],
        }),
      ).rejects.toBeInstanceOf(InvalidContentError);
      expect(requests).toEqual([]);
    } finally {
      server.off('request', count);
    }
    // The sandbox is as strict as Facebook.
    const direct = await control()
      .post(`/graph/v24.0/${page.pageId}/feed`)
      .type('form')
      .send({ message: 'd'.repeat(63_207), access_token: page.pageToken });
    expect(direct.status).toBe(400);
  });

  it('reads new comments on posts older than the newest 25, paging through the feed', async () => {
    const old = await adapter.publish(ctx, { text: 'Our oldest post still gets questions.' });
    for (let i = 0; i < 30; i++) await adapter.publish(ctx, { text: `Newer post ${i}` });
    const before = await adapter.fetchMentions(ctx, null);
    const cursor = before.cursor ?? new Date(0).toISOString();
    const later = new Date(Date.parse(cursor) + 1_000).toISOString();
    await control()
      .post('/_sandbox/facebook/comments')
      .send({
        postId: old.externalId,
        message: 'Is this still true?',
        from: { name: 'Sam' },
        createdTime: later,
      })
      .expect(201);
    const next = await adapter.fetchMentions(ctx, cursor);
    expect(next.mentions.map((m) => [m.text, m.conversationId])).toEqual([
      ['Is this still true?', old.externalId],
    ]);
    const feed = await control()
      .get(`/graph/v24.0/${page.pageId}/feed`)
      .query({ access_token: page.pageToken });
    expect(feed.body.data).toHaveLength(25);
    expect(feed.body.data.map((p: { id: string }) => p.id)).not.toContain(old.externalId);
  });

  it("finds only the page's own posts, never a visitor's post on the page's feed", async () => {
    const since = new Date(Date.now() - 60_000);
    const ours = await adapter.publish(ctx, { text: 'Vaccines for every age this week.' });
    const visitor = await control()
      .post('/_sandbox/facebook/visitor-posts')
      .send({
        pageId: page.pageId,
        message: 'Vaccines for every age this week.',
        from: { name: 'A visitor' },
      })
      .expect(201);
    const feed = await control()
      .get(`/graph/v24.0/${page.pageId}/feed`)
      .query({ access_token: page.pageToken, limit: '5' });
    expect(feed.body.data.map((p: { id: string }) => p.id)).toContain(visitor.body.id);
    const recent = await adapter.findRecent(ctx, since);
    expect(recent.map((p) => p.externalId)).toContain(ours.externalId);
    expect(recent.map((p) => p.externalId)).not.toContain(visitor.body.id);
  });
});
