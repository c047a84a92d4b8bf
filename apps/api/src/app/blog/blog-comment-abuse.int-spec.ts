import { Client } from 'pg';
import request from 'supertest';
import { type AdapterContext, ChannelAdapterRegistry } from '@carecast/server/channels';
import { testAppConfig } from '@carecast/server/testing';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

const RIVERSIDE = 'riverside-family-medicine';
const COMMENTS_PER_HOUR = 2;
const REQUESTS_PER_MINUTE = 8;

/**
 * Behind one proxy (TRUST_PROXY=1) a visitor is the address the proxy saw: whatever hops the
 * visitor writes into X-Forwarded-For before it cannot make them someone else.
 */
describe('blog comments behind one trusted proxy: forged hops and control characters', () => {
  let testApi: TestApi;
  let sql: Client;
  let postPath: string;

  const http = () => request(testApi.app.getHttpServer());
  const comment = (forwardedFor: string, fields: Record<string, string>) =>
    http().post(`${postPath}/comments`).set('X-Forwarded-For', forwardedFor).type('form').send(fields);
  const comments = async () =>
    (await sql.query(`SELECT count(*)::int AS n FROM blog_comment`)).rows[0].n as number;

  beforeAll(async () => {
    const base = testAppConfig({ databaseUrl: '', redisUrl: '', redisPrefix: '' });
    testApi = await startTestApi('blog-abuse', {
      config: {
        http: { ...base.http, trustProxy: 1, rateLimitPerMinute: REQUESTS_PER_MINUTE },
        blog: { commentsPerHourPerIp: COMMENTS_PER_HOUR },
      },
    });
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    const admin = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    const channel = await admin.send('post', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(channel.status).toBe(201);
    const org = await sql.query(`SELECT id FROM organisation WHERE slug = $1`, [RIVERSIDE]);
    const ctx: AdapterContext = {
      organisationId: org.rows[0].id,
      channelId: channel.body.id,
      externalAccountId: RIVERSIDE,
      credentials: {},
      settings: {},
    };
    const published = await testApi.app
      .get(ChannelAdapterRegistry)
      .get('carecast_blog')
      .publish(ctx, { title: 'Flu shots', text: 'Walk in any weekday.' });
    postPath = new URL(published.url as string).pathname;
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  it('counts comments by the address the proxy saw, however many hops the visitor forged before it', async () => {
    const before = await comments();
    for (let i = 1; i <= COMMENTS_PER_HOUR; i++) {
      const res = await comment(`198.51.100.${i}, 203.0.113.50`, {
        name: `Visitor ${i}`,
        comment: `Hello ${i}`,
      });
      expect(res.status).toBe(303);
    }
    const forged = await comment('198.51.100.77, 192.0.2.1, 203.0.113.50', {
      name: 'Visitor 3',
      comment: 'Hello again',
    });
    expect(forged.status).toBe(429);
    expect(await comments()).toBe(before + COMMENTS_PER_HOUR);
    // Someone else behind the same proxy still may.
    const other = await comment('198.51.100.1, 203.0.113.51', { name: 'Neighbour', comment: 'Hi' });
    expect(other.status).toBe(303);
  });

  it('throttles requests by the address the proxy saw, whatever the forged hops', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= REQUESTS_PER_MINUTE + 1; i++) {
      const res = await http()
        .get(`/blog/${RIVERSIDE}/`)
        .set('X-Forwarded-For', `198.51.100.${i}, 203.0.113.60`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, REQUESTS_PER_MINUTE).every((s) => s === 200)).toBe(true);
    expect(statuses[REQUESTS_PER_MINUTE]).toBe(429);
  });

  it('strips control characters (NUL) from a comment email instead of failing', async () => {
    const res = await comment('203.0.113.70', {
      name: 'Jo\u0000 Visitor',
      email: 'jo\u0000@example.com',
      comment: 'Is the clinic\u0000 open?',
    });
    expect(res.status).toBe(303);
    const { rows } = await sql.query(
      `SELECT author_name, author_email, body FROM blog_comment WHERE author_email LIKE 'jo%'`,
    );
    expect(rows).toEqual([
      { author_name: 'Jo Visitor', author_email: 'jo@example.com', body: 'Is the clinic open?' },
    ]);
  });
});
