import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createSandbox } from '../sandbox';
import { type FacebookState, createFacebookState } from './facebook-state';
import { settleWebhookDeliveries } from './facebook-subscription';

const G = '/graph/v24.0';
const SECRET = 'sandbox-app-secret';

interface Received {
  valid: boolean;
  body: {
    object: string;
    entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[];
  };
}

describe('Facebook webhook subscription (automatic deliveries)', () => {
  let receiver: Server;
  let receiverUrl: string;
  let received: Received[];
  let answer: number;
  let state: FacebookState;
  let app: ReturnType<typeof createSandbox>;
  let page: { pageId: string; pageToken: string };
  let postId: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
        const valid = given.length === expected.length && timingSafeEqual(given, expected);
        received.push({ valid, body: JSON.parse(raw.toString('utf8')) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/facebook`;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  beforeEach(async () => {
    received = [];
    answer = 200;
    state = createFacebookState();
    app = createSandbox({ facebook: state });
    page = (await request(app).post('/_sandbox/facebook/pages').send({ name: 'Riverside' }).expect(201)).body;
    postId = (
      await request(app)
        .post(`${G}/${page.pageId}/feed`)
        .type('form')
        .send({ message: 'Flu clinic Saturday', access_token: page.pageToken })
        .expect(200)
    ).body.id;
  });

  const subscribe = () =>
    request(app).post('/_sandbox/facebook/subscription').send({ url: receiverUrl, appSecret: SECRET });

  it('is set, shown (without the secret) and removed through the control API', async () => {
    expect((await request(app).get('/_sandbox/facebook/subscription').expect(200)).body).toEqual({
      subscribed: false,
      url: null,
      deliveries: [],
    });
    await request(app)
      .post('/_sandbox/facebook/subscription')
      .send({ url: 'not a url', appSecret: SECRET })
      .expect(400, { error: 'bad_request', message: 'url must be an http(s) URL' });
    await request(app)
      .post('/_sandbox/facebook/subscription')
      .send({ url: receiverUrl })
      .expect(400, { error: 'bad_request', message: 'appSecret is required' });
    const set = await subscribe().expect(200);
    expect(set.body).toEqual({ subscribed: true, url: receiverUrl, deliveries: [] });
    expect(JSON.stringify(set.body)).not.toContain(SECRET);
    // A reset forgets the platform's data, not the sandbox's configuration.
    await request(app).post('/_sandbox/facebook/reset').expect(200);
    expect((await request(app).get('/_sandbox/facebook/subscription')).body.subscribed).toBe(true);
    await request(app).delete('/_sandbox/facebook/subscription').expect(200, {
      subscribed: false,
      url: null,
      deliveries: [],
    });
  });

  it('sends every new comment as a signed feed notification: control API, home page form, Graph reply', async () => {
    await subscribe().expect(200);
    const viaControl = await request(app)
      .post('/_sandbox/facebook/comments')
      .send({ postId, message: 'Is it free?', from: { id: '555', name: 'Ana' } })
      .expect(201);
    await request(app)
      .post('/_sandbox/ui/facebook/comments')
      .type('form')
      .send({ postId, authorName: 'Sam', message: 'Walk-ins welcome?' })
      .expect(303);
    const reply = await request(app)
      .post(`${G}/${viaControl.body.id}/comments`)
      .type('form')
      .send({ message: 'Yes, it is free.', access_token: page.pageToken })
      .expect(200);
    await settleWebhookDeliveries(state);

    expect(received.map((r) => r.valid)).toEqual([true, true, true]);
    const values = received.map((r) => {
      expect(r.body.object).toBe('page');
      expect(r.body.entry[0].id).toBe(page.pageId);
      expect(r.body.entry[0].changes[0].field).toBe('feed');
      return r.body.entry[0].changes[0].value;
    });
    // Deliveries run in the background: they may arrive in any order.
    const byMessage = (message: string) => values.find((v) => v['message'] === message);
    expect(byMessage('Is it free?')).toEqual({
      item: 'comment',
      verb: 'add',
      post_id: postId,
      comment_id: viaControl.body.id,
      parent_id: postId,
      message: 'Is it free?',
      from: { id: '555', name: 'Ana' },
      created_time: expect.any(Number),
    });
    expect(byMessage('Walk-ins welcome?')).toMatchObject({
      item: 'comment',
      verb: 'add',
      from: { name: 'Sam' },
    });
    expect(byMessage('Yes, it is free.')).toMatchObject({
      comment_id: reply.body.id,
      parent_id: viaControl.body.id,
      from: { id: page.pageId, name: 'Riverside' },
    });
    const shown = (await request(app).get('/_sandbox/facebook/subscription')).body;
    expect(shown.deliveries.map((d: { status: number }) => d.status)).toEqual([200, 200, 200]);
  });

  it('never lets a failing receiver break the Graph API; the failure is logged and remembered', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      answer = 403;
      await subscribe().expect(200);
      await request(app)
        .post(`${G}/${postId}/comments`)
        .type('form')
        .send({ message: 'Thanks for coming!', access_token: page.pageToken })
        .expect(200);
      await request(app)
        .post('/_sandbox/facebook/subscription')
        .send({ url: 'http://127.0.0.1:9/unreachable', appSecret: SECRET })
        .expect(200);
      await request(app)
        .post(`${G}/${postId}/comments`)
        .type('form')
        .send({ message: 'See you soon!', access_token: page.pageToken })
        .expect(200);
      await settleWebhookDeliveries(state);
      const [unreachable, refused] = state.webhook.deliveries;
      expect(refused).toMatchObject({ status: 403, error: null });
      expect(unreachable).toMatchObject({ status: null, error: expect.any(String) });
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual(
        expect.arrayContaining([expect.stringContaining('answered 403'), expect.stringContaining('failed')]),
      );
      const home = await request(app).get('/').expect(200);
      expect(home.text).toContain('last delivery failed');
    } finally {
      warn.mockRestore();
    }
  });

  it('sends nothing without a subscription', async () => {
    await request(app).post('/_sandbox/facebook/comments').send({ postId, message: 'Hello' }).expect(201);
    await settleWebhookDeliveries(state);
    expect(received).toEqual([]);
    expect(state.webhook.deliveries).toEqual([]);
  });
});
