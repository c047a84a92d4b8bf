import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Mailer } from '@carecast/server/identity';
import { Outbox } from './identity/outbox.spec-helper';
import { Browser } from './identity/session-client.spec-helper';
import { signedInCookies, startTestApi, type TestApi } from './test-api.spec-helper';

const ADMIN = 'admin@riverside.example';
const STRONG_PASSWORD = 'Quiet-Harbour-Lantern-73';

/** Sends `head` as written (no Content-Length added) and answers the whole response text. */
async function rawRequest(app: NestExpressApplication, head: string): Promise<string> {
  const server = app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

describe('the http layer refuses bad input with a 4xx naming the field, and guards writes', () => {
  let testApi: TestApi;
  let app: NestExpressApplication;
  let admin: Browser;
  const outbox = new Outbox();
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    testApi = await startTestApi('http-input', {
      override: (b) => b.overrideProvider(Mailer).useValue(outbox),
    });
    app = testApi.app;
    admin = new Browser(app);
    expect((await admin.signIn(ADMIN)).status).toBe(200);
  });

  afterAll(() => testApi?.close());

  it('refuses JSON nested 5,000 deep with 400 naming the rule, signed out and signed in', async () => {
    const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
    const signedOut = await http()
      .post('/api/auth/sign-in')
      .set('content-type', 'application/json')
      .send(deep);
    expect(signedOut.status).toBe(400);
    expect(signedOut.body).toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/body.*nested more than 32 levels/),
      details: [{ field: 'body', rule: 'maxDepth', message: expect.any(String) }],
      requestId: expect.any(String),
    });
    const signedIn = await admin.send(
      'put',
      '/api/organisation/security',
      JSON.parse(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`),
    );
    expect(signedIn.status).toBe(400);
    expect(signedIn.body.details).toEqual([expect.objectContaining({ field: 'body', rule: 'maxDepth' })]);
  });

  it('refuses a JSON body in any charset but UTF-8 with 415 naming the rule, before parsing it', async () => {
    // In UTF-16 the second byte of ∀ is a quote to a byte-wise scanner: the nesting after it hides.
    const deep = `{"password":"\u2200","email":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    const encodings: Array<[string, Buffer]> = [
      ['utf-16le', Buffer.from(deep, 'utf16le')],
      ['UTF-16', Buffer.from(deep, 'utf16le')],
      ['utf-7', Buffer.from(deep.replace(/\[/g, '+AFs-').replace(/\]/g, '+AF0-'))],
      ['utf-32', Buffer.from(deep)],
      ['iso-8859-1', Buffer.from(deep)],
      ['utf8', Buffer.from(deep)],
    ];
    for (const [charset, body] of encodings) {
      const res = await http()
        .post('/api/auth/sign-in')
        .set('content-type', `application/json; charset=${charset}`)
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(body);
      expect({ charset, status: res.status, body: res.body }).toEqual({
        charset,
        status: 415,
        body: expect.objectContaining({
          error: 'unsupported_media_type',
          details: [{ field: 'Content-Type', rule: 'charset', message: expect.stringMatching(/UTF-8/) }],
        }),
      });
    }
    // UTF-8, however it is spelt, or no charset at all: taken (and still held to the depth limit).
    for (const type of [
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'application/json',
    ]) {
      const signedIn = await http()
        .post('/api/auth/sign-in')
        .set('content-type', type)
        .send(JSON.stringify({ email: ADMIN, password: 'Riverside-Demo-2026' }));
      expect({ type, status: signedIn.status }).toEqual({ type, status: 200 });
      const tooDeep = await http().post('/api/auth/sign-in').set('content-type', type).send(deep);
      expect({ type, status: tooDeep.status }).toEqual({ type, status: 400 });
    }
  });

  it('refuses a lone surrogate in an email with 400 naming the field: sign-in, password reset, invitations', async () => {
    const loneSurrogate = 'dana\ud800@riverside.example';
    const answers = [
      await http().post('/api/auth/sign-in').send({ email: loneSurrogate, password: 'whatever-it-is' }),
      await http().post('/api/auth/password-reset').send({ email: loneSurrogate }),
      await admin.send('post', '/api/users/invitations', { email: loneSurrogate, roles: ['viewer'] }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { field: 'email', rule: 'wellFormedUnicode', message: expect.stringContaining('email') },
      ]);
    }
    const nested = await admin.send('post', '/api/channels', {
      kind: 'wordpress_blog',
      credentials: { username: 'editor', applicationPassword: '\udfff' },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.details[0]).toMatchObject({
      field: 'credentials.applicationPassword',
      rule: 'wellFormedUnicode',
    });
  });

  it('refuses an audit cursor past any entry with 400 naming cursor', async () => {
    for (const cursor of ['99999999999999999999', '1e300', '-5', '0x10']) {
      const res = await admin.get(`/api/audit?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    const first = await admin.get('/api/audit?limit=1');
    expect(first.status).toBe(200);
    expect((await admin.get(`/api/audit?cursor=${first.body.nextCursor}`)).status).toBe(200);
  });

  it('refuses audit dates that are not one instant in ISO 8601 with 400 naming the filter', async () => {
    const bad: Array<[string, string]> = [
      ['from', '2020-W01'],
      ['to', '20200101T000000Z'],
      ['from', '2020-W01-1'],
      ['from', '2020-02-30T00:00:00Z'],
      ['to', '2020-01-01 00:00:00Z'],
      ['from', '2020-01-01T25:00:00Z'],
    ];
    for (const [field, value] of bad) {
      for (const path of ['/api/audit', '/api/audit/export']) {
        const res = await admin.get(`${path}?${field}=${encodeURIComponent(value)}`);
        expect({ path, value, status: res.status, details: res.body.details }).toEqual({
          path,
          value,
          status: 400,
          details: [expect.objectContaining({ field, message: expect.stringContaining(field) })],
        });
      }
    }
    for (const value of ['2020-01-01', '2020-01-01T09:30:00Z', '2020-01-01T09:30:00.000+02:00']) {
      const res = await admin.get(`/api/audit?from=${encodeURIComponent(value)}&to=2999-12-31`);
      expect({ value, status: res.status }).toEqual({ value, status: 200 });
    }
  });

  it('refuses a NUL in the audit filters and in the export with 400 naming the filter', async () => {
    const list = await admin.get('/api/audit?entityType=member%00');
    expect(list.status).toBe(400);
    expect(list.body.details).toEqual([
      expect.objectContaining({ field: 'entityType', rule: 'noNulCharacter' }),
    ]);
    const exported = await admin.get('/api/audit/export?action=auth.%00');
    expect(exported.status).toBe(400);
    expect(exported.body.details).toEqual([
      expect.objectContaining({ field: 'action', rule: 'noNulCharacter' }),
    ]);
  });

  it('refuses a NUL in the display name of an invitation, and the link still works afterwards', async () => {
    const email = 'new.colleague@riverside.example';
    expect((await admin.send('post', '/api/users/invitations', { email, roles: ['viewer'] })).status).toBe(
      201,
    );
    const token = outbox.linkTo(email, 'accept-invitation');
    const refused = await http()
      .post('/api/auth/invitations/accept')
      .send({ token, displayName: 'Ann\u0000Lee', password: STRONG_PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'displayName', rule: 'noNulCharacter' }),
    ]);
    expect((await http().get(`/api/auth/invitations/${token}`)).status).toBe(200);
    const accepted = await http()
      .post('/api/auth/invitations/accept')
      .send({ token, displayName: 'Ann Lee', password: STRONG_PASSWORD });
    expect(accepted.status).toBeLessThan(300);
  });

  it('names the path parameter that is not an id', async () => {
    const cases: Array<[Parameters<Browser['send']>[0], string, string]> = [
      ['post', '/api/channels/not-an-id/disable', 'id'],
      ['delete', '/api/channels/1', 'id'],
      ['patch', '/api/users/me/roles', 'userId'],
      ['delete', '/api/users/%00/sessions', 'userId'],
      ['delete', '/api/auth/sessions/abc', 'id'],
      ['post', '/api/blog-comments/12/approve', 'id'],
    ];
    for (const [method, path, field] of cases) {
      const res = await admin.send(method, path, method === 'patch' ? { roles: ['viewer'] } : undefined);
      expect({ path, status: res.status, details: res.body.details }).toEqual({
        path,
        status: 400,
        details: [{ field, rule: 'isUuid', message: expect.stringContaining(field) }],
      });
    }
  });

  it('takes only JSON on the api: a form-encoded sign-in (login CSRF) is 415 and signs nobody in', async () => {
    const form = await http()
      .post('/api/auth/sign-in')
      .type('form')
      .send({ email: ADMIN, password: 'Riverside-Demo-2026' });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({
      error: 'unsupported_media_type',
      details: [expect.objectContaining({ field: 'Content-Type', rule: 'mediaType' })],
    });
    expect(form.headers['set-cookie']).toBeUndefined();
    const text = await http()
      .post('/api/auth/sign-in')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ email: ADMIN, password: 'Riverside-Demo-2026' }));
    expect(text.status).toBe(415);
    expect(text.headers['set-cookie']).toBeUndefined();
    const multipart = await http()
      .post('/api/auth/sign-in')
      .field('email', ADMIN)
      .field('password', 'Riverside-Demo-2026');
    expect(multipart.status).toBe(415);
    // A write without a body needs no type; JSON still works.
    expect((await admin.send('post', '/api/audit/verify')).status).toBe(200);
    expect(
      (await http().post('/api/auth/sign-in').send({ email: ADMIN, password: 'Riverside-Demo-2026' })).status,
    ).toBe(200);
  });

  it('refuses a write typed as a form or text even with an empty body (an empty cross-site form)', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const signIn = await http()
        .post('/api/auth/sign-in')
        .set('content-type', type)
        .set('content-length', '0');
      expect({ type, status: signIn.status, details: signIn.body.details }).toEqual({
        type,
        status: 415,
        details: [expect.objectContaining({ field: 'Content-Type', rule: 'mediaType' })],
      });
      const signOut = await admin.send('post', '/api/auth/sign-out-everywhere', undefined, true, {
        'content-type': type,
        'content-length': '0',
      });
      expect({ type, status: signOut.status }).toEqual({ type, status: 415 });
    }
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    // Without Content-Length or Transfer-Encoding a request has no body to Express: still refused.
    const bare = await rawRequest(
      app,
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n',
    );
    expect(bare).toMatch(/^HTTP\/1\.1 415 /);
    // No type and no body: still a write without a body.
    expect((await admin.send('post', '/api/audit/verify')).status).toBe(200);
  });

  it('takes only forms at the public blog: a JSON comment is 415', async () => {
    const res = await http()
      .post('/blog/riverside-family-medicine/some-post/comments')
      .send({ name: 'Robot', comment: 'hello' });
    expect(res.status).toBe(415);
  });

  it('marks signed-in answers Cache-Control: no-store', async () => {
    for (const path of ['/api/auth/me', '/api/users', '/api/audit', '/api/channels']) {
      const res = await admin.get(path);
      expect(res.status).toBe(200);
      expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({
        path,
        cacheControl: 'no-store',
      });
    }
    expect((await admin.send('post', '/api/audit/verify')).headers['cache-control']).toBe('no-store');
  });

  it('refuses a write whose CSRF token is present but wrong, and changes nothing', async () => {
    const { cookie, csrf } = await signedInCookies(app.getHttpServer(), ADMIN);
    const other = await signedInCookies(app.getHttpServer(), ADMIN);
    const before = (await http().get('/api/organisation/security').set('Cookie', cookie)).body;
    const changed = { ...before, idleTimeoutStandardMinutes: before.idleTimeoutStandardMinutes + 1 };
    const flipped = csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A');
    for (const token of [flipped, other.csrf, 'x', csrf.slice(0, -1), `${csrf}x`]) {
      const res = await http()
        .put('/api/organisation/security')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', token)
        .send(changed);
      expect({ token, status: res.status, error: res.body.error }).toEqual({
        token,
        status: 403,
        error: 'csrf_failed',
      });
    }
    expect((await http().get('/api/organisation/security').set('Cookie', cookie)).body).toEqual(before);
    const right = await http()
      .put('/api/organisation/security')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send(changed);
    expect(right.status).toBe(200);
    expect(right.body.idleTimeoutStandardMinutes).toBe(changed.idleTimeoutStandardMinutes);
  });
});
