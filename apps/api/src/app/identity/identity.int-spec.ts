import { DiscoveryService, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import request from 'supertest';
import { DEMO_PASSWORD, Mailer, type MailMessage } from '@carecast/server/identity';
import { startTestApi, type TestApi } from '../test-api.spec-helper';
import { ACCESS_KEY } from './access';
import { Browser } from './session-client.spec-helper';

const ADMIN = 'admin@riverside.example';
const MARKETER = 'dana@riverside.example';
const REVIEWER = 'marcus@riverside.example';
const VIEWER = 'viewer@riverside.example';

class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];
  async send(m: MailMessage): Promise<void> {
    this.sent.push(m);
  }
  linkTo(email: string, path: string): string {
    const mail = [...this.sent].reverse().find((m) => m.to === email && m.text.includes(path));
    const token = mail?.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];
    if (!token) throw new Error(`no ${path} mail to ${email}`);
    return token;
  }
}

describe('identity: sign-in, sessions, roles, MFA, invitations and audit on real PostgreSQL', () => {
  let testApi: TestApi;
  let app: NestExpressApplication;
  let sql: Client;
  const outbox = new Outbox();

  beforeAll(async () => {
    testApi = await startTestApi('identity', {
      override: (b) => b.overrideProvider(Mailer).useValue(outbox),
    });
    app = testApi.app;
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  it('declares an access rule on every route of the api', () => {
    const discovery = app.get(DiscoveryService);
    const reflector = app.get(Reflector);
    const routes: string[] = [];
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown>; name: string } | null;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as object | undefined;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const route = `${type.name}.${name} (${Reflect.getMetadata(PATH_METADATA, handler)})`;
        routes.push(route);
        if (
          !reflector.getAllAndOverride(ACCESS_KEY, [handler as () => void, type as unknown as () => void])
        ) {
          undeclared.push(route);
        }
      }
    }
    expect(routes.length).toBeGreaterThan(25);
    expect(undeclared).toEqual([]);
  });

  it('signs in with an httpOnly SameSite=Lax session cookie and answers who is signed in', async () => {
    const b = new Browser(app);
    const res = await b.signIn(MARKETER);
    expect(res.body).toMatchObject({ status: 'signed_in' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed_in');
    const cookies = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(/cc_session=[^;]+;.*HttpOnly.*SameSite=Lax/);
    expect(cookies).toMatch(/cc_csrf=[^;]+;/);
    const me = await b.get('/api/auth/me');
    expect(me.body).toMatchObject({
      user: { email: MARKETER, displayName: 'Dana Whitfield', mfaEnabled: false },
      organisation: { name: 'Riverside Family Medicine', timeZone: 'America/New_York' },
      roles: ['marketer'],
      session: { idleTimeoutMinutes: 30 },
    });
    expect(me.body.permissions).toContain('content.write');
    expect(me.body.permissions).not.toContain('users.manage');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrong = await new Browser(app).signIn(VIEWER, 'not-the-password-at-all');
    const unknown = await new Browser(app).signIn('nobody@nowhere.example', 'not-the-password-at-all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { requestId: _a, ...w } = wrong.body;
    const { requestId: _b, ...u } = unknown.body;
    expect(w).toEqual(u);
    expect(w).toEqual({
      statusCode: 401,
      error: 'invalid_credentials',
      message: 'The email or password is not right.',
    });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses without a session (401), without permission (403), and writes without the CSRF token (403)', async () => {
    expect((await request(app.getHttpServer()).get('/api/users')).status).toBe(401);
    const viewer = new Browser(app);
    await viewer.signIn(VIEWER);
    const forbidden = await viewer.send('post', '/api/users/invitations', {
      email: 'x@y.example',
      roles: ['viewer'],
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toBe('forbidden');
    expect((await viewer.get('/api/audit')).status).toBe(403);
    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const noCsrf = await admin.send(
      'post',
      '/api/users/invitations',
      { email: 'x@y.example', roles: ['viewer'] },
      false,
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf_failed');
  });

  it("answers another organisation's ids exactly like missing ones", async () => {
    const { rows } = await sql.query(`SELECT id FROM organisation WHERE slug = 'lakeside-pediatrics'`);
    const stranger = await sql.query(
      `INSERT INTO app_user (email, display_name) VALUES ('kim@lakeside.example', 'Kim') RETURNING id`,
    );
    await sql.query(`INSERT INTO membership (organisation_id, user_id, roles) VALUES ($1, $2, '{viewer}')`, [
      rows[0].id,
      stranger.rows[0].id,
    ]);
    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const other = await admin.send('patch', `/api/users/${stranger.rows[0].id}/roles`, { roles: ['admin'] });
    const missing = await admin.send('patch', '/api/users/00000000-0000-4000-8000-000000000000/roles', {
      roles: ['admin'],
    });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.message).toBe(missing.body.message);
    expect((await admin.get(`/api/users/${stranger.rows[0].id}/sessions`)).status).toBe(404);
  });

  it('validates input with the field and the rule', async () => {
    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const res = await admin.send('post', '/api/users/invitations', {
      email: 'not-an-email',
      roles: ['wizard'],
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email', rule: 'isEmail' }),
        expect.objectContaining({ field: 'roles', rule: 'isIn' }),
      ]),
    );
  });

  it('ends a session idle past its timeout: 15 minutes for reviewers, 30 for others', async () => {
    const reviewer = new Browser(app);
    await reviewer.signIn(REVIEWER);
    const marketer = new Browser(app);
    await marketer.signIn(MARKETER);
    await sql.query(
      `UPDATE user_session SET last_seen_at = now() - interval '16 minutes'
       WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM app_user WHERE email IN ($1, $2))`,
      [REVIEWER, MARKETER],
    );
    const expired = await reviewer.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('session_expired');
    expect(expired.body.message).toMatch(/15 minutes without activity/);
    expect((await marketer.get('/api/auth/me')).status).toBe(200);
    // Once refused, it stays refused; the automatic log-off is on record.
    expect((await reviewer.get('/api/auth/me')).status).toBe(401);
    const { rows } = await sql.query(
      `SELECT actor_label, diff FROM audit_entry WHERE action = 'auth.session_expired' ORDER BY at DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ actor_label: REVIEWER, diff: { reason: { from: null, to: 'idle' } } });
  });

  it('does not count background polling as activity for the idle timeout', async () => {
    const b = new Browser(app);
    await b.signIn(VIEWER);
    const id = (await b.get('/api/auth/me')).body.session.id;
    await sql.query(`UPDATE user_session SET last_seen_at = now() - interval '20 minutes' WHERE id = $1`, [
      id,
    ]);
    const lastSeen = async () =>
      (await sql.query(`SELECT last_seen_at FROM user_session WHERE id = $1`, [id])).rows[0].last_seen_at;
    const before = await lastSeen();
    expect((await b.get('/api/system/status', { 'x-carecast-background': '1' })).status).toBe(200);
    expect(await lastSeen()).toEqual(before);
    expect((await b.get('/api/system/status')).status).toBe(200);
    expect((await lastSeen()).getTime()).toBeGreaterThan(before.getTime() + 19 * 60_000);
  });

  it('ends a session at its 12-hour limit', async () => {
    const b = new Browser(app);
    await b.signIn(VIEWER);
    const me = await b.get('/api/auth/me');
    await sql.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      me.body.session.id,
    ]);
    const res = await b.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/12-hour limit/);
  });

  it('locks an account after 10 failed sign-ins, and audits it', async () => {
    let last: request.Response | undefined;
    for (let i = 0; i < 11; i++) last = await new Browser(app).signIn(REVIEWER, `wrong-password-${i}`);
    expect(last?.status).toBe(429);
    expect(last?.body.error).toBe('too_many_attempts');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right password is refused while locked.
    expect((await new Browser(app).signIn(REVIEWER)).status).toBe(429);
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.sign_in_locked'`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    await sql.query(`DELETE FROM sign_in_throttle`);
  });

  it('turns on TOTP MFA, then asks for a code at sign-in; codes and recovery codes work once', async () => {
    const b = new Browser(app);
    await b.signIn(MARKETER);
    const setup = await b.send('post', '/api/auth/mfa/setup');
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Carecast:/);
    const bad = await b.send('post', '/api/auth/mfa/enable', { code: '000000' });
    expect(bad.status).toBe(422);
    const enabled = await b.send('post', '/api/auth/mfa/enable', {
      code: generateSync({ secret: setup.body.secret }),
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    const stored = await sql.query(`SELECT mfa_secret FROM app_user WHERE email = $1`, [MARKETER]);
    expect(stored.rows[0].mfa_secret).not.toContain(setup.body.secret);

    const next = new Browser(app);
    expect((await next.signIn(MARKETER)).body).toEqual({ status: 'mfa_required' });
    const blocked = await next.get('/api/auth/me');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('mfa_required');
    expect((await next.send('post', '/api/auth/mfa/verify', { code: '123456' })).body.error).toBe(
      'invalid_code',
    );
    const recovery = enabled.body.recoveryCodes[0] as string;
    const ok = await next.send('post', '/api/auth/mfa/verify', { code: recovery.toUpperCase() });
    expect(ok.body).toMatchObject({ status: 'signed_in' });
    expect((await next.get('/api/auth/me')).status).toBe(200);

    const again = new Browser(app);
    await again.signIn(MARKETER);
    expect((await again.send('post', '/api/auth/mfa/verify', { code: recovery })).status).toBe(401);
  });

  it('makes a member without MFA enrol first when the organisation requires it', async () => {
    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const settings = await admin.send('put', '/api/organisation/security', {
      mfaRequired: true,
      idleTimeoutPrivilegedMinutes: 10,
      idleTimeoutStandardMinutes: 20,
    });
    expect(settings.body).toEqual({
      mfaRequired: true,
      idleTimeoutPrivilegedMinutes: 10,
      idleTimeoutStandardMinutes: 20,
    });
    const viewer = new Browser(app);
    expect((await viewer.signIn(VIEWER)).body).toEqual({ status: 'mfa_enrolment_required' });
    expect((await viewer.get('/api/users')).status).toBe(403);
    const setup = await viewer.send('post', '/api/auth/mfa/setup');
    const enabled = await viewer.send('post', '/api/auth/mfa/enable', {
      code: generateSync({ secret: setup.body.secret }),
    });
    expect(enabled.body.me.session.idleTimeoutMinutes).toBe(20);
    expect((await viewer.get('/api/auth/me')).status).toBe(200);
    const disable = await viewer.send('post', '/api/auth/mfa/disable', {
      code: generateSync({ secret: setup.body.secret }),
    });
    expect(disable.status).toBe(422);
    await admin.send('put', '/api/organisation/security', {
      mfaRequired: false,
      idleTimeoutPrivilegedMinutes: 15,
      idleTimeoutStandardMinutes: 30,
    });
  });

  it('invites by email with a single-use link, refusing weak passwords', async () => {
    const admin = new Browser(app);
    await admin.signIn(ADMIN);
    const invited = await admin.send('post', '/api/users/invitations', {
      email: 'Billing.Lead@Riverside.example',
      roles: ['manager'],
    });
    expect(invited.status).toBe(201);
    expect(invited.body.email).toBe('billing.lead@riverside.example');
    const token = outbox.linkTo('billing.lead@riverside.example', '/accept-invitation');
    const stored = await sql.query(`SELECT token_hash FROM one_time_token WHERE purpose = 'invitation'`);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);

    const info = await request(app.getHttpServer()).get(`/api/auth/invitations/${token}`);
    expect(info.body).toEqual({
      email: 'billing.lead@riverside.example',
      organisationName: 'Riverside Family Medicine',
      needsPassword: true,
    });

    const newcomer = new Browser(app);
    const short = await newcomer.send(
      'post',
      '/api/auth/invitations/accept',
      { token, displayName: 'Jo', password: 'short' },
      false,
    );
    expect(short.status).toBe(422);
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'password', rule: 'minLength' })]);
    const common = await newcomer.send(
      'post',
      '/api/auth/invitations/accept',
      { token, displayName: 'Jo', password: 'password1234' },
      false,
    );
    expect(common.body.details).toEqual([
      expect.objectContaining({ field: 'password', rule: 'commonPassword' }),
    ]);

    const accepted = await newcomer.send(
      'post',
      '/api/auth/invitations/accept',
      { token, displayName: 'Jo Billing', password: 'Ledger-Harbor-Maple-42' },
      false,
    );
    expect(accepted.body.status).toBe('signed_in');
    expect(accepted.body.me.roles).toEqual(['manager']);
    const reused = await new Browser(app).send(
      'post',
      '/api/auth/invitations/accept',
      { token, displayName: 'Jo', password: 'Ledger-Harbor-Maple-42' },
      false,
    );
    expect(reused.status).toBe(404);
  });

  it('resets a password with a single-use emailed link and ends every session', async () => {
    const old = new Browser(app);
    await old.signIn(VIEWER);
    const unknown = await request(app.getHttpServer())
      .post('/api/auth/password-reset')
      .send({ email: 'ghost@nowhere.example' });
    const known = await request(app.getHttpServer()).post('/api/auth/password-reset').send({ email: VIEWER });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const token = outbox.linkTo(VIEWER, '/reset-password');
    const done = await request(app.getHttpServer())
      .post('/api/auth/password-reset/complete')
      .send({ token, password: 'Quiet-Lantern-Orchard-7' });
    expect(done.status).toBe(204);
    expect((await old.get('/api/auth/me')).status).toBe(401);
    expect((await new Browser(app).signIn(VIEWER, DEMO_PASSWORD)).status).toBe(401);
    const fresh = new Browser(app);
    const signedIn = await fresh.signIn(VIEWER, 'Quiet-Lantern-Orchard-7');
    expect(signedIn.body.status).not.toBeUndefined();
    const reuse = await request(app.getHttpServer())
      .post('/api/auth/password-reset/complete')
      .send({ token, password: 'Another-Quiet-Lantern-8' });
    expect(reuse.status).toBe(404);
  });

  it('changes roles and deactivates members, never the last administrator', async () => {
    const admin = new Browser(app);
    const me = (await admin.signIn(ADMIN)).body.me;
    const members = (await admin.get('/api/users')).body as Array<{ userId: string; email: string }>;
    const dana = members.find((m) => m.email === MARKETER) as { userId: string };
    const changed = await admin.send('patch', `/api/users/${dana.userId}/roles`, {
      roles: ['marketer', 'reviewer'],
    });
    expect(changed.body.roles).toEqual(['marketer', 'reviewer']);
    const lastAdmin = await admin.send('patch', `/api/users/${me.user.id}/roles`, { roles: ['viewer'] });
    expect(lastAdmin.status).toBe(422);
    expect(lastAdmin.body.details[0].rule).toBe('lastAdmin');

    const priya = new Browser(app);
    await priya.signIn('priya@riverside.example');
    const priyaId = (members.find((m) => m.email === 'priya@riverside.example') as { userId: string }).userId;
    const off = await admin.send('post', `/api/users/${priyaId}/deactivate`);
    expect(off.body.status).toBe('deactivated');
    expect((await priya.get('/api/auth/me')).status).toBe(401);
    expect((await new Browser(app).signIn('priya@riverside.example')).status).toBe(401);
    expect((await admin.send('post', `/api/users/${priyaId}/reactivate`)).body.status).toBe('active');
  });

  it('switches organisation, signs out and signs out everywhere', async () => {
    const a = new Browser(app);
    const me = (await a.signIn(ADMIN)).body.me;
    expect(me.organisations.map((o: { name: string }) => o.name)).toEqual([
      'Lakeside Pediatrics',
      'Riverside Family Medicine',
    ]);
    const lakeside = me.organisations.find((o: { name: string }) => o.name === 'Lakeside Pediatrics');
    await sql.query(`UPDATE organisation SET mfa_required = true WHERE id = $1`, [lakeside.id]);
    const refused = await a.send('post', '/api/auth/switch-organisation', { organisationId: lakeside.id });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: 'mfa_required',
      message: expect.stringMatching(/^Lakeside Pediatrics requires multi-factor/),
    });
    await sql.query(`UPDATE organisation SET mfa_required = false WHERE id = $1`, [lakeside.id]);
    const switched = await a.send('post', '/api/auth/switch-organisation', { organisationId: lakeside.id });
    expect(switched.body.organisation.name).toBe('Lakeside Pediatrics');
    expect((await a.get('/api/auth/me')).body.organisation.name).toBe('Lakeside Pediatrics');
    const b = new Browser(app);
    await b.signIn(ADMIN);
    const sessions = (await b.get('/api/auth/sessions')).body as Array<{ id: string; current: boolean }>;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    // Ending another of one's own sessions (a lost phone); someone else's id is not found.
    const c = new Browser(app);
    const lostPhone = (await c.signIn(ADMIN)).body.me.session.id as string;
    expect((await b.send('delete', `/api/auth/sessions/${lostPhone}`)).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const priya = new Browser(app);
    await priya.signIn('priya@riverside.example');
    expect((await priya.send('delete', `/api/auth/sessions/${sessions[0].id}`)).status).toBe(404);
    expect((await b.send('post', '/api/auth/sign-out')).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await a.send('post', '/api/auth/sign-out-everywhere');
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it('records it all in the audit trail, exports CSV (audited) and verifies the chain', async () => {
    const r = new Browser(app);
    await r.signIn(REVIEWER);
    const page = await r.get('/api/audit?limit=200');
    const actions = (page.body.entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.signed_in',
        'auth.sign_in_failed',
        'member.invited',
        'member.joined',
        'member.roles_changed',
        'member.deactivated',
        'organisation.security_changed',
        'auth.mfa_enabled',
        'auth.password_reset',
      ]),
    );
    const roles = page.body.entries.find((e: { action: string }) => e.action === 'member.roles_changed');
    expect(roles.diff).toEqual({ roles: { from: ['marketer'], to: ['marketer', 'reviewer'] } });
    expect(roles.actorLabel).toBe(ADMIN);
    expect(roles.requestId).toEqual(expect.any(String));

    const csv = await r.get('/api/audit/export?action=member.');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="carecast-audit-riverside-family-medicine-/,
    );
    expect(csv.text.split('\r\n')[0]).toMatch(/^seq,at,action/);
    const exported = await r.get('/api/audit?action=audit.exported');
    expect(exported.body.entries[0].actorLabel).toBe(REVIEWER);

    const verified = await r.send('post', '/api/audit/verify');
    expect(verified.body).toMatchObject({ intact: true, firstBroken: null });
    expect(verified.body.checked).toBeGreaterThan(20);
  });
});
