import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { SandboxProcess, eventually } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

const APP_SECRET = 'sandbox-app-secret-2026';
const VERIFY_TOKEN = 'riverside-verify-token';

interface Delivery {
  status: number;
  delivered: boolean;
  response: string;
}

describe('Facebook webhooks against the platform sandbox (a real process)', () => {
  let sandbox: SandboxProcess;
  let testApi: TestApi;
  let sql: Client;
  let hookUrl: string;
  let page: { pageId: string; pageToken: string; userToken: string };
  let channel: { id: string; organisation_id: string };
  let postId: string;

  const stored = async (externalId: string) =>
    (
      await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM channel_event WHERE external_id = $1`, [
        externalId,
      ])
    ).rows[0].n;
  const allEvents = async () => (await sql.query(`SELECT count(*)::int AS n FROM channel_event`)).rows[0].n;
  const deliver = (body: object) =>
    sandbox.control<Delivery>('/_sandbox/facebook/webhook-deliveries', {
      url: hookUrl,
      appSecret: APP_SECRET,
      pageId: page.pageId,
      item: 'comment',
      verb: 'add',
      postId,
      ...body,
    });
  /** The JSON text of a signed-delivery notification: one comment added to the post on the page. */
  const commentNotification = (
    time: number,
    comment: { comment_id: string; message: string; from?: object },
  ) =>
    JSON.stringify({
      object: 'page',
      entry: [
        {
          id: page.pageId,
          time,
          changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', post_id: postId, ...comment } }],
        },
      ],
    });
  const graph = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${sandbox.url}/graph/v24.0${path}`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { id: string };
  };

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    testApi = await startTestApi('webhooks', {
      platforms: {
        xApiBaseUrl: sandbox.url,
        facebookGraphBaseUrl: `${sandbox.url}/graph/v24.0`,
        facebookApp: {
          appId: 'sandbox-app',
          appSecret: APP_SECRET,
          dialogUrl: `${sandbox.url}/dialog/oauth`,
        },
        facebookWebhookVerifyToken: VERIFY_TOKEN,
      },
    });
    await testApi.app.listen(0, '127.0.0.1');
    const port = (testApi.app.getHttpServer().address() as AddressInfo).port;
    hookUrl = `http://127.0.0.1:${port}/api/webhooks/facebook`;
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();

    page = await sandbox.control('/_sandbox/facebook/pages', { name: 'Riverside Family Medicine' });
    const admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    const connected = await admin.send('post', '/api/channels', {
      kind: 'facebook_page',
      credentials: { userAccessToken: page.userToken },
      settings: { pageId: page.pageId },
    });
    expect(connected.status).toBe(201);
    channel = (await sql.query(`SELECT id, organisation_id FROM channel WHERE kind = 'facebook_page'`))
      .rows[0];
    postId = (
      await graph(`/${page.pageId}/feed`, { message: 'Flu clinic on Saturday', access_token: page.pageToken })
    ).id;
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
    await sandbox?.stop();
  });

  describe('subscription handshake', () => {
    it('echoes the challenge as text when the verify token matches', async () => {
      const played = await sandbox.control<{ status: number; verified: boolean }>(
        '/_sandbox/facebook/webhook-verify',
        {
          url: hookUrl,
          verifyToken: VERIFY_TOKEN,
        },
      );
      expect(played).toMatchObject({ status: 200, verified: true });
      const res = await request(testApi.app.getHttpServer())
        .get('/api/webhooks/facebook')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('1158201444');
    });

    it('refuses a wrong token or mode with 403', async () => {
      const played = await sandbox.control<{ status: number; verified: boolean }>(
        '/_sandbox/facebook/webhook-verify',
        {
          url: hookUrl,
          verifyToken: 'not-the-verify-token',
        },
      );
      expect(played).toMatchObject({ status: 403, verified: false });
      const res = await request(testApi.app.getHttpServer())
        .get('/api/webhooks/facebook')
        .query({ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' })
        .expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'verification_failed' });
    });
  });

  describe('notifications', () => {
    it('stores a change signed by the sandbox once, even when Facebook delivers it twice', async () => {
      const commentId = `${postId.split('_')[1]}_900001`;
      const notification = { commentId, parentId: postId, message: 'Is the clinic open on Sunday?' };
      const first = await deliver(notification);
      const again = await deliver(notification);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(JSON.parse(first.response)).toMatchObject({ stored: 1, duplicates: 0 });
      expect(JSON.parse(again.response)).toMatchObject({ stored: 0, duplicates: 1 });
      const rows = (await sql.query(`SELECT * FROM channel_event WHERE external_id = $1`, [commentId])).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        organisation_id: channel.organisation_id,
        channel_id: channel.id,
        source: 'facebook_webhook',
        item: 'comment',
        verb: 'add',
        processed_at: null,
        payload: {
          page_id: page.pageId,
          field: 'feed',
          value: expect.objectContaining({
            comment_id: commentId,
            post_id: postId,
            message: notification.message,
          }),
        },
      });
      expect(rows[0].received_at).toBeInstanceOf(Date);
    });

    it('stores each edit of a comment (the time of the change tells them apart), a redelivered edit once', async () => {
      const commentId = `${postId.split('_')[1]}_900400`;
      const edit = (time: number, message: string) =>
        deliver({ commentId, parentId: postId, verb: 'edited', time, message });
      const receipts = [
        await edit(1_780_000_300, 'Is the clinic open on Sunday?'),
        await edit(1_780_000_300, 'Is the clinic open on Sunday?'),
        await edit(1_780_000_360, 'Is the clinic open on Sunday morning?'),
      ].map((r) => JSON.parse(r.response));
      expect(receipts).toEqual([
        expect.objectContaining({ stored: 1, duplicates: 0 }),
        expect.objectContaining({ stored: 0, duplicates: 1 }),
        expect.objectContaining({ stored: 1, duplicates: 0 }),
      ]);
      const rows = (
        await sql.query(
          `SELECT verb, changed_at, payload FROM channel_event WHERE external_id = $1 ORDER BY changed_at`,
          [commentId],
        )
      ).rows;
      expect(rows.map((r) => [r.verb, r.changed_at.toISOString(), r.payload.value.message])).toEqual([
        ['edited', new Date(1_780_000_300_000).toISOString(), 'Is the clinic open on Sunday?'],
        ['edited', new Date(1_780_000_360_000).toISOString(), 'Is the clinic open on Sunday morning?'],
      ]);
    });

    it('stores the comments the sandbox sends by itself once subscribed (a visitor and a page reply)', async () => {
      await sandbox.control('/_sandbox/facebook/subscription', { url: hookUrl, appSecret: APP_SECRET });
      try {
        const comment = await sandbox.control<{ id: string }>('/_sandbox/facebook/comments', {
          postId,
          message: 'Do I need an appointment?',
          from: { name: 'Sam Patel' },
        });
        const reply = await graph(`/${comment.id}/comments`, {
          message: 'No appointment needed.',
          access_token: page.pageToken,
        });
        await eventually(async () => (await stored(comment.id)) === 1, 'the visitor comment to be stored');
        await eventually(async () => (await stored(reply.id)) === 1, 'the page reply to be stored');
        const payload = (
          await sql.query(`SELECT payload FROM channel_event WHERE external_id = $1`, [reply.id])
        ).rows[0].payload;
        expect(payload.value).toMatchObject({ parent_id: comment.id, from: { id: page.pageId } });
        const shown = await sandbox.control<{ deliveries: { status: number }[] }>(
          '/_sandbox/facebook/subscription',
        );
        expect(shown.deliveries.map((d) => d.status)).toEqual([200, 200]);
      } finally {
        await fetch(`${sandbox.url}/_sandbox/facebook/subscription`, { method: 'DELETE' });
      }
    });

    it('rejects a signature made with another secret, storing nothing', async () => {
      const before = await allEvents();
      const res = await sandbox.control<Delivery>('/_sandbox/facebook/webhook-deliveries', {
        url: hookUrl,
        appSecret: 'not-the-app-secret',
        pageId: page.pageId,
        postId,
        commentId: `${postId.split('_')[1]}_900002`,
        message: 'forged',
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.response)).toMatchObject({ error: 'signature_invalid' });
      expect(await allEvents()).toBe(before);
    });

    it('rejects a body changed after signing, and a notification without a signature', async () => {
      const before = await allEvents();
      const original = commentNotification(1_780_000_000, { comment_id: '1_900003', message: 'Hello' });
      const signature = `sha256=${createHmac('sha256', APP_SECRET).update(original).digest('hex')}`;
      const server = testApi.app.getHttpServer();
      const tampered = await request(server)
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signature)
        .send(original.replace('Hello', 'Hellp'))
        .expect(403);
      expect(tampered.body).toMatchObject({ statusCode: 403, error: 'signature_invalid' });
      // Same JSON, other bytes (re-serialised with spaces): the signature covers the bytes.
      await request(server)
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signature)
        .send(JSON.stringify(JSON.parse(original), null, 1))
        .expect(403);
      const unsigned = await request(server)
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .send(original)
        .expect(401);
      expect(unsigned.body).toMatchObject({
        error: 'signature_missing',
        message: expect.stringMatching(/X-Hub-Signature-256/),
      });
      expect(await allEvents()).toBe(before);
      // The untouched bytes with their signature are accepted.
      await request(server)
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signature)
        .send(original)
        .expect(200, { stored: 1, duplicates: 0, unknownPages: 0, ignored: 0 });
    });

    it('stores events only for a connected channel: not while it needs reconnecting or is disabled', async () => {
      const setStatus = (status: string) =>
        sql.query(`UPDATE channel SET status = $2 WHERE id = $1`, [channel.id, status]);
      try {
        for (const [i, status] of ['needs_reconnect', 'disabled'].entries()) {
          await setStatus(status);
          const before = await allEvents();
          const res = await deliver({ commentId: `${postId.split('_')[1]}_90010${i}`, message: status });
          expect(res.status).toBe(200);
          expect(JSON.parse(res.response)).toEqual({ stored: 0, duplicates: 0, unknownPages: 1, ignored: 0 });
          expect(await allEvents()).toBe(before);
        }
      } finally {
        await setStatus('connected');
      }
      const res = await deliver({ commentId: `${postId.split('_')[1]}_900102`, message: 'connected again' });
      expect(JSON.parse(res.response)).toMatchObject({ stored: 1 });
    });

    it('refuses a signature that differs from the right one in its last byte only', async () => {
      const before = await allEvents();
      const body = commentNotification(1_780_000_100, { comment_id: '1_900200', message: 'Hi' });
      const hex = createHmac('sha256', APP_SECRET).update(body).digest('hex');
      const last = hex.slice(-1) === '0' ? '1' : '0';
      const res = await request(testApi.app.getHttpServer())
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', `sha256=${hex.slice(0, -1)}${last}`)
        .send(body)
        .expect(403);
      expect(res.body).toMatchObject({ error: 'signature_invalid' });
      expect(await allEvents()).toBe(before);
    });

    it('keeps a validly signed change whose text holds a NUL, without the NUL', async () => {
      const commentId = `${postId.split('_')[1]}_900300`;
      const raw = commentNotification(1_780_000_200, {
        comment_id: commentId,
        message: 'Open on\u0000 Sunday?',
        from: { id: '9000000000009', name: 'Jo\u0000' },
      });
      expect(raw).toContain('\\u0000');
      const res = await request(testApi.app.getHttpServer())
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`)
        .send(raw);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stored: 1 });
      const { rows } = await sql.query(`SELECT payload FROM channel_event WHERE external_id = $1`, [
        commentId,
      ]);
      expect(rows[0].payload.value).toMatchObject({ message: 'Open on Sunday?', from: { name: 'Jo' } });
    });

    it('acknowledges a page no channel is connected to, storing nothing', async () => {
      const before = await allEvents();
      const res = await deliver({ pageId: '999999999', postId: '999999999_1', commentId: '1_900004' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.response)).toEqual({ stored: 0, duplicates: 0, unknownPages: 1, ignored: 0 });
      expect(await allEvents()).toBe(before);
    });
  });

  it('says clearly when the server has no Facebook app configured', async () => {
    const unconfigured = await startTestApi('webhooks-off', {
      db: testApi.db,
      redisPrefix: testApi.redisPrefix,
      platforms: { facebookApp: null, facebookWebhookVerifyToken: null },
    });
    try {
      const server = unconfigured.app.getHttpServer();
      const handshake = await request(server)
        .get('/api/webhooks/facebook')
        .query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' })
        .expect(404);
      expect(handshake.body).toMatchObject({
        error: 'webhook_not_configured',
        message: expect.stringMatching(/FACEBOOK_WEBHOOK_VERIFY_TOKEN/),
      });
      const notification = await request(server)
        .post('/api/webhooks/facebook')
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', `sha256=${'0'.repeat(64)}`)
        .send({ object: 'page', entry: [] })
        .expect(404);
      expect(notification.body.message).toMatch(/FACEBOOK_APP_SECRET/);
    } finally {
      await unconfigured.close();
    }
  });
});
