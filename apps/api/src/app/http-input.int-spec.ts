import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Mailer, type MailMessage } from '@carecast/server/identity';
import { Browser } from './identity/session-client.spec-helper';
import { startTestApi, type TestApi } from './test-api.spec-helper';

const ADMIN = 'admin@riverside.example';
const STRONG_PASSWORD = 'Quiet-Harbour-Lantern-73';

class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  invitationTokenFor(email: string): string {
    const mail = [...this.sent].reverse().find((m) => m.to === email);
    const token = mail?.text.match(/accept-invitation\?token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no invitation to ${email}`);
    return token;
  }
}

/** The session and CSRF cookies of a fresh sign-in, as a browser would hold them. */
async function signedInCookies(app: NestExpressApplication, email: string) {
  const res = await request(app.getHttpServer())
    .post('/api/auth/sign-in')
    .send({ email, password: 'Riverside-Demo-2026' })
    .expect(200);
  const cookies = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('cc_csrf='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), csrf };
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
    const token = outbox.invitationTokenFor(email);
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
    const { cookie, csrf } = await signedInCookies(app, ADMIN);
    const other = await signedInCookies(app, ADMIN);
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
