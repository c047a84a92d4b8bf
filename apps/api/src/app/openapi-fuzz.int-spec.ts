import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ChannelAdapterRegistry } from '@carecast/server/channels';
import {
  type ApiOperation,
  declaredRoutes,
  ENDS_SESSION,
  fill,
  ID_PARAM,
  openApiOperations,
  WRITE_METHODS,
} from './api-routes.spec-helper';
import { Browser } from './identity/session-client.spec-helper';
import { signedInCookies, startTestApi, type TestApi } from './test-api.spec-helper';

const ADMIN = 'admin@riverside.example';
const APP_SECRET = 'fuzz-app-secret';
const ORG = 'riverside-family-medicine';

/**
 * Routes that answer an administrator's active session 403 whatever is sent: they belong to
 * another stage of the session (the second step of a sign-in).
 */
const NOT_FOR_AN_ACTIVE_SESSION = new Set(['POST /api/auth/mfa/verify']);

/** Nested 6,000 deep after a `∀`: in UTF-16 one of its bytes is a quote to a byte-wise reader. */
const HIDDEN_DEPTH = `{"a":"\u2200","b":${'['.repeat(6000)}${']'.repeat(6000)}}`;

/** Bodies in charsets other than UTF-8, as sent on the wire. */
const OTHER_CHARSETS: Array<{ charset: string; bytes: Buffer }> = [
  { charset: 'utf-16le', bytes: Buffer.from(HIDDEN_DEPTH, 'utf16le') },
  { charset: 'UTF-16', bytes: Buffer.from(`\ufeff${HIDDEN_DEPTH}`, 'utf16le') },
  {
    charset: 'utf-7',
    bytes: Buffer.from(`{"b":${'+AFs-'.repeat(6000)}${'+AF0-'.repeat(6000)}}`),
  },
  { charset: 'iso-8859-1', bytes: Buffer.from('{"a":"\u00e9"}', 'latin1') },
];

/** Bodies that are not what any route expects, as sent on the wire. */
const HOSTILE_RAW_BODIES: string[] = [
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '[]',
  'null',
  '"just text"',
  '123',
  'true',
  '{}',
  '{"a":',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
  '{"unexpected":"field"}',
  '{"email":"\\ud800@x.example","text":"\\udfff"}',
];

/** Values put in each field of a body, one at a time and all at once. */
const HOSTILE_VALUES: unknown[] = [
  '\ud800',
  'a\u0000b',
  '',
  'x'.repeat(20_000),
  [],
  [[['deep']]],
  ['\ud800'],
  [{}],
  {},
  { nested: { deeper: { deepest: 'x\u0000' } } },
  0,
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
];

/** Values for path parameters. */
const HOSTILE_PATH_VALUES = [
  'not-a-uuid',
  '%00',
  '%ED%A0%80',
  '9'.repeat(400),
  '..%2F..%2Fetc',
  "'%20OR%201=1--",
  '-1',
];

/** Values for query parameters (already encoded). */
const HOSTILE_QUERY_VALUES = [
  '%00',
  '99999999999999999999',
  '1e300',
  '-1',
  '0',
  'x'.repeat(3000),
  '%ED%A0%80',
  '%5B%5D',
  // ISO 8601 forms that Date cannot read.
  '2020-W01',
  '2020-W01-1',
  '20200101T000000Z',
  '2020-02-30T00:00:00Z',
];

interface Case {
  label: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: string | Buffer;
  /** The Content-Type of the body (default: JSON). */
  contentType?: string;
}

function baselineParams(op: ApiOperation): Record<string, string> {
  return Object.fromEntries(
    op.pathParams.map((p) => [p, ID_PARAM.test(p) ? randomUUID() : p === 'kind' ? 'x_account' : 'x']),
  );
}

function casesOf(op: ApiOperation): Case[] {
  const base = baselineParams(op);
  const path = fill(op.path, base);
  // The route as documented, with nothing hostile: every route has at least this one.
  const cases: Case[] = [{ label: 'as documented', method: op.method, path }];
  for (const param of op.pathParams)
    for (const value of HOSTILE_PATH_VALUES)
      cases.push({
        label: `${param}=${value.slice(0, 20)}`,
        method: op.method,
        path: fill(op.path, { ...base, [param]: value }),
      });
  for (const param of op.queryParams) {
    for (const value of HOSTILE_QUERY_VALUES)
      cases.push({
        label: `?${param}=${value.slice(0, 20)}`,
        method: op.method,
        path: `${path}?${encodeURIComponent(param)}=${value}`,
      });
    cases.push({ label: `?${param} twice`, method: op.method, path: `${path}?${param}=a&${param}=b` });
    cases.push({ label: `?${param}[x]`, method: op.method, path: `${path}?${param}[x]=1` });
  }
  if (op.method === 'get') return cases;
  cases.push({ label: 'no body', method: op.method, path });
  // A route that takes no body meets a body in the parsers and global checks only: a few suffice.
  const raws = op.bodyProperties
    ? HOSTILE_RAW_BODIES
    : HOSTILE_RAW_BODIES.filter((_, i) => [0, 2, 4, 10, 11].includes(i));
  for (const raw of raws)
    cases.push({ label: `body ${raw.slice(0, 24)}`, method: op.method, path, body: raw });
  for (const { charset, bytes } of OTHER_CHARSETS)
    cases.push({
      label: `body in ${charset}`,
      method: op.method,
      path,
      body: bytes,
      contentType: `application/json; charset=${charset}`,
    });
  const fields = Object.keys(op.bodyProperties ?? {});
  for (const value of HOSTILE_VALUES) {
    const shown = JSON.stringify(value)?.slice(0, 20) ?? String(value);
    for (const field of fields)
      cases.push({
        label: `${field}=${shown}`,
        method: op.method,
        path,
        body: JSON.stringify({ [field]: value }),
      });
    if (fields.length > 1)
      cases.push({
        label: `every field=${shown}`,
        method: op.method,
        path,
        body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, value]))),
      });
  }
  return cases;
}

/**
 * Every write route of the OpenAPI document (and every query of a read route), with hostile
 * bodies, path ids and query values, signed out and signed in as an administrator with a valid
 * CSRF token: never a 5xx, and every refusal in the API's error shape. New routes are covered
 * by being in the document.
 */
describe('fuzzing every route of the OpenAPI document: no 5xx, whatever is sent', () => {
  let testApi: TestApi;
  let app: NestExpressApplication;
  let server: Server;
  let operations: ApiOperation[];
  let postPath: string;
  const failures: string[] = [];

  beforeAll(async () => {
    testApi = await startTestApi('fuzz', {
      platforms: {
        facebookApp: { appId: '1234567890', appSecret: APP_SECRET, dialogUrl: 'http://127.0.0.1:9/dialog' },
      },
      config: { blog: { commentsPerHourPerIp: 100_000 } },
    });
    app = testApi.app;
    // One listening server for every request (instead of one per request).
    server = app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    operations = await openApiOperations(app);

    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const channel = await admin.send('post', '/api/channels', { kind: 'carecast_blog', credentials: {} });
    expect(channel.status).toBe(201);
    const me = await admin.get('/api/auth/me');
    const published = await app.get(ChannelAdapterRegistry).get('carecast_blog').publish(
      {
        organisationId: me.body.organisation.id,
        channelId: channel.body.id,
        externalAccountId: ORG,
        credentials: {},
        settings: {},
      },
      { title: 'Flu shots', text: 'Walk in any weekday.', images: [] },
    );
    postPath = new URL(published.url ?? '').pathname;
  });

  afterAll(() => testApi?.close());

  /** Send one case; a webhook body is signed with the app secret, so it gets past the signature. */
  async function send(c: Case, session?: AdminSession): Promise<request.Response> {
    const headers: Record<string, string> = {};
    if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    if (c.path.startsWith('/api/webhooks/') && c.body !== undefined)
      headers['x-hub-signature-256'] =
        `sha256=${createHmac('sha256', APP_SECRET).update(c.body).digest('hex')}`;
    const r = session ? session.send(c, headers) : request(server)[c.method](c.path).set(headers);
    // As given: a string or the bytes (never serialised again).
    return c.body === undefined ? r : r.serialize((body: string | Buffer) => body as string).send(c.body);
  }

  function check(who: string, c: Case, res: request.Response): void {
    const where = `${who} ${c.method.toUpperCase()} ${c.path.slice(0, 80)} [${c.label}]`;
    if (res.status >= 500) failures.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (res.status >= 400 && c.path.startsWith('/api/')) {
      const body = res.body as { statusCode?: number; error?: unknown; requestId?: unknown };
      if (
        body.statusCode !== res.status ||
        typeof body.error !== 'string' ||
        typeof body.requestId !== 'string'
      )
        failures.push(`${where}: ${res.status} not in the error shape: ${res.text.slice(0, 120)}`);
    }
  }

  it('covers every write route the document lists', () => {
    const writes = operations.filter((op) => WRITE_METHODS.includes(op.method));
    expect(writes.length).toBeGreaterThanOrEqual(25);
    expect(writes.map((op) => op.key)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/sign-in',
        'POST /api/webhooks/facebook',
        'PUT /api/organisation/security',
      ]),
    );
  });

  it('answers every hostile request to every route with a 4xx at most, signed out and signed in', async () => {
    let sent = 0;
    const publicRoutes = new Set(
      declaredRoutes(app)
        .filter((r) => r.access?.kind === 'public')
        .map((r) => r.key),
    );
    // Routes for signed-in people where the administrator never got past the sign-in check that
    // stopped a stranger (a 401 signed out, neither 401 nor 403 signed in): the session did not
    // hold, and the cases proved nothing about what lies behind the sign-in.
    const neverLetThrough: string[] = [];
    for (const op of operations) {
      const cases = casesOf(op);
      const admin = new AdminSession(server);
      await admin.signIn();
      let letThrough = false;
      for (const c of cases) {
        const signedOut = await send(c);
        check('signed out', c, signedOut);
        const res = await send(c, admin);
        check('admin', c, res);
        sent += 2;
        if (signedOut.status === 401 && res.status !== 401 && res.status !== 403) letThrough = true;
        // A sign-out (or a switch) that went through ended the session: the next case needs a new one.
        if (ENDS_SESSION.test(op.path) && res.status < 300) await admin.signIn();
      }
      if (!letThrough && !publicRoutes.has(op.key) && !NOT_FOR_AN_ACTIVE_SESSION.has(op.key))
        neverLetThrough.push(op.key);
    }
    expect(failures).toEqual([]);
    expect(neverLetThrough).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
  }, 300_000);

  it('answers hostile comments on the public blog with a 4xx at most', async () => {
    const failures: string[] = [];
    const paths = [
      postPath,
      `/blog/${ORG}/%00`,
      `/blog/%00/x`,
      `/blog/${ORG}/${'x'.repeat(500)}`,
      `/blog/${'%ED%A0%80'}/x`,
    ].map((p) => `${p}/comments`);
    const forms = [
      '',
      'name=%00&comment=%00&email=%00',
      'name=%ED%A0%80&comment=%ED%A0%80',
      'name[]=a&comment[x]=b',
      'name=a&name=b&comment=c&comment=d',
      `name=Sam&comment=${'x'.repeat(100_000)}`,
      'name=Sam&email=a%0D%0ABcc:x@y.example&comment=hi',
      'website=robot&name=Sam&comment=hi',
      '%',
      'name=Sam&comment=Thanks!',
    ];
    for (const path of paths) {
      for (const form of forms) {
        const res = await request(server).post(path).type('form').send(form);
        if (res.status >= 500)
          failures.push(`blog ${path.slice(0, 60)} [${form.slice(0, 30)}]: ${res.status}`);
      }
      for (const [type, body] of [
        ['application/json', '{"name":"Sam","comment":"\\ud800"}'],
        ['text/plain', 'name=Sam'],
      ]) {
        const res = await request(server).post(path).set('content-type', type).send(body);
        if (res.status !== 415)
          failures.push(`blog ${path.slice(0, 60)} as ${type}: ${res.status}, expected 415`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A signed-in administrator: the session cookie and the CSRF token of one sign-in. */
class AdminSession {
  private cookie = '';
  private csrf = '';
  constructor(private readonly server: Server) {}

  async signIn(): Promise<void> {
    ({ cookie: this.cookie, csrf: this.csrf } = await signedInCookies(this.server, ADMIN));
  }

  send(c: Case, headers: Record<string, string>): request.Test {
    const agent = request(this.server);
    return agent[c.method](c.path).set(headers).set('Cookie', this.cookie).set('X-CSRF-Token', this.csrf);
  }
}
