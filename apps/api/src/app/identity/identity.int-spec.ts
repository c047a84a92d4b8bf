import { DiscoveryService, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import request from 'supertest';
import { Mailer, PasswordResetService } from '@carecast/server/identity';
import { eventually } from '@carecast/server/testing';
import {
  JobName,
  QueueName,
  ROLES,
  type PasswordResetMailJobData,
  type Role,
} from '@carecast/shared/contracts';
import { startTestApi, type TestApi } from '../test-api.spec-helper';
import { ACCESS_KEY } from './access';
import { IdentityFactory, type FactoryUser } from './identity-factory.spec-helper';
import { Outbox } from './outbox.spec-helper';
import { Browser } from './session-client.spec-helper';

describe('identity: sign-in, sessions, roles, MFA, invitations and audit on real PostgreSQL', () => {
  let testApi: TestApi;
  let app: NestExpressApplication;
  let sql: Client;
  let make: IdentityFactory;
  const outbox = new Outbox();

  beforeAll(async () => {
    testApi = await startTestApi('identity', {
      override: (b) => b.overrideProvider(Mailer).useValue(outbox),
    });
    app = testApi.app;
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    make = new IdentityFactory(sql);
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  const signedIn = async (user: FactoryUser): Promise<Browser> => {
    const b = new Browser(app);
    const res = await b.signIn(user.email, user.password);
    if (res.body.status !== 'signed_in') throw new Error(`${user.email} did not sign in: ${res.status}`);
    return b;
  };

  /** Two practices that share nobody, each with an administrator. */
  const twoPractices = async () => {
    const riverside = await make.organisationWithAdmin({ name: 'Riverside' });
    const lakeside = await make.organisationWithAdmin({ name: 'Lakeside' });
    return { riverside, lakeside };
  };

  const memberOf = async (admin: Browser, userId: string) =>
    ((await admin.get('/api/users')).body as Array<Record<string, unknown>>).find((m) => m.userId === userId);

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
    const organisation = await make.organisation({ name: 'Harbour Clinic' });
    const dana = await make.user([{ organisation, roles: ['marketer'] }], { displayName: 'Dana Whitfield' });
    const b = new Browser(app);
    const res = await b.signIn(dana.email, dana.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'signed_in' });
    const cookies = (res.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(/cc_session=[^;]+;.*HttpOnly.*SameSite=Lax/);
    expect(cookies).toMatch(/cc_csrf=[^;]+;/);
    const me = await b.get('/api/auth/me');
    expect(me.body).toMatchObject({
      user: { email: dana.email, displayName: 'Dana Whitfield', mfaEnabled: false },
      organisation: { name: 'Harbour Clinic', timeZone: 'America/New_York' },
      roles: ['marketer'],
      session: { idleTimeoutMinutes: 30 },
    });
    expect(me.body.permissions).toContain('content.write');
    expect(me.body.permissions).not.toContain('users.manage');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const organisation = await make.organisation();
    const viewer = await make.user([{ organisation, roles: ['viewer'] }]);
    const wrong = await new Browser(app).signIn(viewer.email, 'not-the-password-at-all');
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
    const { organisation, admin } = await make.organisationWithAdmin();
    const viewerUser = await make.user([{ organisation, roles: ['viewer'] }]);
    expect((await request(app.getHttpServer()).get('/api/users')).status).toBe(401);
    const viewer = await signedIn(viewerUser);
    const forbidden = await viewer.send('post', '/api/users/invitations', {
      email: 'x@y.example',
      roles: ['viewer'],
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toBe('forbidden');
    expect((await viewer.get('/api/audit')).status).toBe(403);
    const adminBrowser = await signedIn(admin);
    const noCsrf = await adminBrowser.send(
      'post',
      '/api/users/invitations',
      { email: 'x@y.example', roles: ['viewer'] },
      false,
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf_failed');
  });

  it.each(ROLES.filter((r) => r !== 'admin'))(
    'refuses a %s changing roles or the security settings, and changes nothing',
    async (role) => {
      const { organisation, admin } = await make.organisationWithAdmin();
      const lesser = await make.user([{ organisation, roles: [role as Role] }]);
      const colleague = await make.user([{ organisation, roles: ['viewer'] }]);
      const b = await signedIn(lesser);
      for (const [target, roles] of [
        [colleague.id, ['admin']],
        [lesser.id, ['admin']],
        [admin.id, ['viewer']],
      ] as const) {
        const res = await b.send('patch', `/api/users/${target}/roles`, { roles });
        expect(res.status).toBe(403);
        expect(res.body.error).toBe('forbidden');
      }
      const security = await b.send('put', '/api/organisation/security', {
        mfaRequired: true,
        idleTimeoutPrivilegedMinutes: 5,
        idleTimeoutStandardMinutes: 5,
      });
      expect(security.status).toBe(403);
      expect(security.body.error).toBe('forbidden');
      const { rows: org } = await sql.query(
        `SELECT mfa_required, idle_timeout_privileged_minutes AS p, idle_timeout_standard_minutes AS s
         FROM organisation WHERE id = $1`,
        [organisation.id],
      );
      expect(org[0]).toEqual({ mfa_required: false, p: 15, s: 30 });
      const { rows: memberships } = await sql.query(
        `SELECT user_id, roles FROM membership WHERE organisation_id = $1 ORDER BY user_id`,
        [organisation.id],
      );
      expect(Object.fromEntries(memberships.map((m) => [m.user_id, m.roles]))).toEqual({
        [admin.id]: ['admin'],
        [lesser.id]: [role],
        [colleague.id]: ['viewer'],
      });
    },
  );

  it("answers another organisation's ids exactly like missing ones", async () => {
    const { riverside, lakeside } = await twoPractices();
    const stranger = await make.user([{ organisation: lakeside.organisation, roles: ['viewer'] }]);
    const admin = await signedIn(riverside.admin);
    const other = await admin.send('patch', `/api/users/${stranger.id}/roles`, { roles: ['admin'] });
    const missing = await admin.send('patch', '/api/users/00000000-0000-4000-8000-000000000000/roles', {
      roles: ['admin'],
    });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.message).toBe(missing.body.message);
    expect((await admin.get(`/api/users/${stranger.id}/sessions`)).status).toBe(404);
    expect((await admin.send('delete', `/api/users/${stranger.id}/sessions`)).status).toBe(404);
  });

  it('validates input with the field and the rule', async () => {
    const { admin } = await make.organisationWithAdmin();
    const b = await signedIn(admin);
    const res = await b.send('post', '/api/users/invitations', {
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
    const organisation = await make.organisation();
    const reviewerUser = await make.user([{ organisation, roles: ['reviewer'] }]);
    const marketerUser = await make.user([{ organisation, roles: ['marketer'] }]);
    const reviewer = await signedIn(reviewerUser);
    const marketer = await signedIn(marketerUser);
    await sql.query(
      `UPDATE user_session SET last_seen_at = now() - interval '16 minutes'
       WHERE revoked_at IS NULL AND user_id IN ($1, $2)`,
      [reviewerUser.id, marketerUser.id],
    );
    const expired = await reviewer.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('session_expired');
    expect(expired.body.message).toMatch(/15 minutes without activity/);
    expect((await marketer.get('/api/auth/me')).status).toBe(200);
    // Once refused, it stays refused; the automatic log-off is on record.
    expect((await reviewer.get('/api/auth/me')).status).toBe(401);
    const { rows } = await sql.query(
      `SELECT actor_label, diff FROM audit_entry WHERE action = 'auth.session_expired' AND organisation_id = $1`,
      [organisation.id],
    );
    expect(rows).toEqual([{ actor_label: reviewerUser.email, diff: { reason: { from: null, to: 'idle' } } }]);
  });

  it('does not count background polling as activity for the idle timeout', async () => {
    const organisation = await make.organisation();
    const b = await signedIn(await make.user([{ organisation, roles: ['viewer'] }]));
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
    const organisation = await make.organisation();
    const b = await signedIn(await make.user([{ organisation, roles: ['viewer'] }]));
    const me = await b.get('/api/auth/me');
    await sql.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      me.body.session.id,
    ]);
    const res = await b.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/12-hour limit/);
  });

  it('locks an account after 10 failed sign-ins, and audits it', async () => {
    const organisation = await make.organisation();
    const reviewer = await make.user([{ organisation, roles: ['reviewer'] }]);
    try {
      let last: request.Response | undefined;
      for (let i = 0; i < 11; i++)
        last = await new Browser(app).signIn(reviewer.email, `wrong-password-${i}`);
      expect(last?.status).toBe(429);
      expect(last?.body.error).toBe('too_many_attempts');
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(800);
      // Even the right password is refused while locked.
      expect((await new Browser(app).signIn(reviewer.email, reviewer.password)).status).toBe(429);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'auth.sign_in_locked' AND organisation_id = $1`,
        [organisation.id],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      // The failures also counted against this machine's address: leave it as it was.
      await sql.query(
        `DELETE FROM sign_in_throttle WHERE key IN ($1, 'ip:127.0.0.1', 'ip:::ffff:127.0.0.1')`,
        [`account:${reviewer.email}`],
      );
    }
  });

  describe('two-step sign-in', () => {
    const enableMfa = async (b: Browser) => {
      const setup = await b.send('post', '/api/auth/mfa/setup');
      const code = generateSync({ secret: setup.body.secret });
      const enabled = await b.send('post', '/api/auth/mfa/enable', { code });
      expect(enabled.status).toBe(200);
      return {
        secret: setup.body.secret as string,
        code,
        recoveryCodes: enabled.body.recoveryCodes as string[],
      };
    };

    it('turns on TOTP MFA, then asks for a code at sign-in; recovery codes work once', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['marketer'] }]);
      const b = await signedIn(user);
      const setup = await b.send('post', '/api/auth/mfa/setup');
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Carecast:/);
      const bad = await b.send('post', '/api/auth/mfa/enable', { code: '000000' });
      expect(bad.status).toBe(422);
      const enabled = await b.send('post', '/api/auth/mfa/enable', {
        code: generateSync({ secret: setup.body.secret }),
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body.recoveryCodes).toHaveLength(10);
      const stored = await sql.query(`SELECT mfa_secret FROM app_user WHERE id = $1`, [user.id]);
      expect(stored.rows[0].mfa_secret).not.toContain(setup.body.secret);

      const next = new Browser(app);
      expect((await next.signIn(user.email, user.password)).body).toEqual({ status: 'mfa_required' });
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
      await again.signIn(user.email, user.password);
      expect((await again.send('post', '/api/auth/mfa/verify', { code: recovery })).status).toBe(401);
    });

    it('refuses a TOTP code that was already used, at sign-in as at enrolment', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['viewer'] }]);
      const { secret, code: enrolmentCode } = await enableMfa(await signedIn(user));

      // The code that turned MFA on cannot sign anyone in afterwards.
      const first = new Browser(app);
      await first.signIn(user.email, user.password);
      const replayed = await first.send('post', '/api/auth/mfa/verify', { code: enrolmentCode });
      expect(replayed.status).toBe(401);
      expect(replayed.body.error).toBe('invalid_code');

      // A later code works once; the same code again, in another session, is refused.
      const later = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
      expect((await first.send('post', '/api/auth/mfa/verify', { code: later })).body.status).toBe(
        'signed_in',
      );
      const second = new Browser(app);
      await second.signIn(user.email, user.password);
      const again = await second.send('post', '/api/auth/mfa/verify', { code: later });
      expect(again.status).toBe(401);
      expect(again.body.error).toBe('invalid_code');
      expect((await second.get('/api/auth/me')).status).toBe(403);
    });

    it('makes a member without MFA enrol first when the organisation requires it', async () => {
      const { organisation, admin } = await make.organisationWithAdmin();
      const viewerUser = await make.user([{ organisation, roles: ['viewer'] }]);
      const adminBrowser = await signedIn(admin);
      const settings = await adminBrowser.send('put', '/api/organisation/security', {
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
      expect((await viewer.signIn(viewerUser.email, viewerUser.password)).body).toEqual({
        status: 'mfa_enrolment_required',
      });
      expect((await viewer.get('/api/users')).status).toBe(403);
      const { secret } = await enableMfa(viewer);
      const me = await viewer.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.session.idleTimeoutMinutes).toBe(20);
      const disable = await viewer.send('post', '/api/auth/mfa/disable', {
        code: generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      });
      expect(disable.status).toBe(422);
    });

    it('sends sessions opened before MFA became required to enrolment on their next request', async () => {
      const { organisation, admin } = await make.organisationWithAdmin();
      const withoutMfa = await make.user([{ organisation, roles: ['manager'] }]);
      const withMfa = await make.user([{ organisation, roles: ['viewer'] }]);
      const adminBrowser = await signedIn(admin);
      const early = await signedIn(withoutMfa);
      const prepared = await signedIn(withMfa);
      await enableMfa(prepared);
      expect((await early.get('/api/users')).status).toBe(200);

      const turnedOn = await adminBrowser.send('put', '/api/organisation/security', {
        mfaRequired: true,
        idleTimeoutPrivilegedMinutes: 15,
        idleTimeoutStandardMinutes: 30,
      });
      expect(turnedOn.status).toBe(200);

      // The session of the member without MFA may now only enrol.
      for (const path of ['/api/users', '/api/auth/me', '/api/system/status']) {
        const refused = await early.get(path);
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({
          error: 'mfa_required',
          message: expect.stringMatching(/Set up two-step sign-in first/),
        });
      }
      const { rows } = await sql.query(
        `SELECT stage FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`,
        [withoutMfa.id],
      );
      expect(rows).toEqual([{ stage: 'mfa_enrolment' }]);
      // A member who has MFA keeps working; an administrator without MFA enrols like anyone else.
      expect((await prepared.get('/api/auth/me')).status).toBe(200);
      expect((await adminBrowser.get('/api/auth/me')).body.error).toBe('mfa_required');

      await enableMfa(early);
      expect((await early.get('/api/users')).status).toBe(200);
    });

    it('lets an enrolment-only session through again when the requirement is lifted', async () => {
      const { organisation, admin } = await make.organisationWithAdmin();
      const member = await make.user([{ organisation, roles: ['viewer'] }]);
      const adminBrowser = await signedIn(admin);
      await enableMfa(adminBrowser);
      const b = await signedIn(member);
      const put = (mfaRequired: boolean) =>
        adminBrowser.send('put', '/api/organisation/security', {
          mfaRequired,
          idleTimeoutPrivilegedMinutes: 15,
          idleTimeoutStandardMinutes: 30,
        });
      expect((await put(true)).status).toBe(200);
      expect((await b.get('/api/auth/me')).status).toBe(403);
      expect((await put(false)).status).toBe(200);
      expect((await b.get('/api/auth/me')).status).toBe(200);
    });
  });

  it('invites by email with a single-use link, refusing weak passwords', async () => {
    const { organisation, admin } = await make.organisationWithAdmin({ name: 'Billing Practice' });
    const b = await signedIn(admin);
    const address = `billing.lead@${organisation.slug}.example`;
    const invited = await b.send('post', '/api/users/invitations', {
      email: `Billing.Lead@${organisation.slug.toUpperCase()}.example`,
      roles: ['manager'],
    });
    expect(invited.status).toBe(201);
    expect(invited.body.email).toBe(address);
    const token = outbox.linkTo(address, '/accept-invitation');
    const stored = await sql.query(`SELECT token_hash FROM one_time_token WHERE purpose = 'invitation'`);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);

    const info = await request(app.getHttpServer()).get(`/api/auth/invitations/${token}`);
    expect(info.body).toEqual({
      email: address,
      organisationName: 'Billing Practice',
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
    // Once joined, the member shows with the name they chose.
    expect(await memberOf(b, accepted.body.me.user.id)).toMatchObject({
      email: address,
      displayName: 'Jo Billing',
      status: 'active',
    });
  });

  describe('an invitation reaches nothing of an account in another organisation', () => {
    /** A Riverside-only administrator invites a Lakeside-only person who is signed in there. */
    const invitedStranger = async () => {
      const { riverside, lakeside } = await twoPractices();
      const kim = await make.user([{ organisation: lakeside.organisation, roles: ['manager'] }], {
        displayName: 'Kim Lakeside',
      });
      const kimBrowser = await signedIn(kim);
      const admin = await signedIn(riverside.admin);
      const invited = await admin.send('post', '/api/users/invitations', {
        email: kim.email,
        roles: ['viewer'],
      });
      expect(invited.status).toBe(201);
      return { riverside, lakeside, kim, kimBrowser, admin };
    };

    it('lists the invitation with its email and "invited" only, like a brand-new address', async () => {
      const { kim, admin } = await invitedStranger();
      const fresh = `someone-new-${Date.now()}@elsewhere.example`;
      const freshInvite = await admin.send('post', '/api/users/invitations', {
        email: fresh,
        roles: ['viewer'],
      });
      const list = await admin.get('/api/users');
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain('Kim Lakeside');
      const shown = list.body.find((m: { email: string }) => m.email === kim.email);
      const brandNew = list.body.find((m: { email: string }) => m.email === fresh);
      expect(shown).toEqual({
        userId: kim.id,
        email: kim.email,
        displayName: '',
        roles: ['viewer'],
        status: 'invited',
        mfaEnabled: false,
        lastSignInAt: null,
      });
      const { userId: _a, email: _b, ...rest } = shown;
      const { userId: _c, email: _d, ...restNew } = brandNew;
      expect(rest).toEqual(restNew);
      // The answer to the invitation itself does not tell them apart either.
      const again = await admin.send('post', '/api/users/invitations', {
        email: kim.email,
        roles: ['viewer'],
      });
      expect(Object.keys(again.body).sort()).toEqual(Object.keys(freshInvite.body).sort());
    });

    it("shows and ends none of the invitee's sessions in her own organisation", async () => {
      const { kim, kimBrowser, admin } = await invitedStranger();
      const sessions = await admin.get(`/api/users/${kim.id}/sessions`);
      expect(sessions.status).toBe(200);
      expect(sessions.body).toEqual([]);
      expect((await admin.send('delete', `/api/users/${kim.id}/sessions`)).status).toBe(204);
      const me = await kimBrowser.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(kim.email);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`,
        [kim.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('never makes the invitation an active membership by deactivating and reactivating it', async () => {
      const { riverside, kim, admin } = await invitedStranger();
      const token = outbox.linkTo(kim.email, '/accept-invitation');
      const off = await admin.send('post', `/api/users/${kim.id}/deactivate`);
      expect(off.status).toBe(200);
      expect(off.body.status).toBe('deactivated');
      const on = await admin.send('post', `/api/users/${kim.id}/reactivate`);
      expect(on.status).toBe(409);
      expect(on.body.error).toBe('conflict');
      expect((await memberOf(admin, kim.id))?.status).toBe('deactivated');
      const { rows } = await sql.query(
        `SELECT status, joined_at FROM membership WHERE organisation_id = $1 AND user_id = $2`,
        [riverside.organisation.id, kim.id],
      );
      expect(rows).toEqual([{ status: 'deactivated', joined_at: null }]);
      // Withdrawn: the link no longer works, and Riverside is not among her organisations.
      const accept = await new Browser(app).send(
        'post',
        '/api/auth/invitations/accept',
        { token, password: kim.password },
        false,
      );
      expect(accept.status).toBe(404);
      const kimAgain = new Browser(app);
      const signIn = await kimAgain.signIn(kim.email, kim.password);
      expect(signIn.body.me.organisations.map((o: { id: string }) => o.id)).not.toContain(
        riverside.organisation.id,
      );
      const sw = await kimAgain.send('post', '/api/auth/switch-organisation', {
        organisationId: riverside.organisation.id,
      });
      expect(sw.status).toBe(404);
      // Changing the roles of the withdrawn invitation does not activate it either.
      await admin.send('patch', `/api/users/${kim.id}/roles`, { roles: ['admin'] });
      expect((await memberOf(admin, kim.id))?.status).toBe('deactivated');
    });

    it('lets a withdrawn invitation be sent again, and the invitee join by accepting it', async () => {
      const { riverside, kim, admin } = await invitedStranger();
      await admin.send('post', `/api/users/${kim.id}/deactivate`);
      const again = await admin.send('post', '/api/users/invitations', {
        email: kim.email,
        roles: ['viewer'],
      });
      expect(again.status).toBe(201);
      expect((await memberOf(admin, kim.id))?.status).toBe('invited');
      const token = outbox.linkTo(kim.email, '/accept-invitation');
      const accepted = await new Browser(app).send(
        'post',
        '/api/auth/invitations/accept',
        { token, password: kim.password },
        false,
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('signed_in');
      expect(accepted.body.me.organisation.id).toBe(riverside.organisation.id);
      expect(await memberOf(admin, kim.id)).toMatchObject({ displayName: 'Kim Lakeside', status: 'active' });
      // Now a member: deactivating and reactivating her is ordinary.
      expect((await admin.send('post', `/api/users/${kim.id}/deactivate`)).body.status).toBe('deactivated');
      expect((await admin.send('post', `/api/users/${kim.id}/reactivate`)).body.status).toBe('active');
    });

    it("lists and ends only the sessions a member opened in the administrator's organisation", async () => {
      const { riverside, lakeside } = await twoPractices();
      const alex = await make.user([
        { organisation: riverside.organisation, roles: ['viewer'] },
        { organisation: lakeside.organisation, roles: ['viewer'] },
      ]);
      const inRiverside = await signedIn(alex);
      const inLakeside = await signedIn(alex);
      const moved = await inLakeside.send('post', '/api/auth/switch-organisation', {
        organisationId: lakeside.organisation.id,
      });
      expect(moved.body.organisation.id).toBe(lakeside.organisation.id);
      const riversideSession = (await inRiverside.get('/api/auth/me')).body.session.id;
      expect((await inRiverside.get('/api/auth/me')).body.organisation.id).toBe(riverside.organisation.id);

      const riversideAdmin = await signedIn(riverside.admin);
      const listed = await riversideAdmin.get(`/api/users/${alex.id}/sessions`);
      expect(listed.body.map((s: { id: string }) => s.id)).toEqual([riversideSession]);
      expect((await riversideAdmin.send('delete', `/api/users/${alex.id}/sessions`)).status).toBe(204);
      expect((await inRiverside.get('/api/auth/me')).status).toBe(401);
      expect((await inLakeside.get('/api/auth/me')).status).toBe(200);
      const { rows } = await sql.query(
        `SELECT diff FROM audit_entry WHERE action = 'member.signed_out_everywhere' AND organisation_id = $1`,
        [riverside.organisation.id],
      );
      expect(rows).toEqual([{ diff: { sessionsEnded: { from: null, to: 1 } } }]);

      const lakesideAdmin = await signedIn(lakeside.admin);
      expect((await lakesideAdmin.get(`/api/users/${alex.id}/sessions`)).body).toHaveLength(1);
    });
  });

  describe('password reset', () => {
    const mailQueue = () => app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false });
    const resetJobs = async () =>
      (await mailQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
        (j) => j.name === JobName.PasswordResetMail,
      );
    const ask = (email: string) =>
      request(app.getHttpServer()).post('/api/auth/password-reset').send({ email });

    beforeEach(async () => {
      await mailQueue().obliterate({ force: true });
    });

    it('answers alike for known and unknown addresses, queues the same sealed job for each, and mails only the known one', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['viewer'] }]);
      const sentBefore = outbox.sent.length;
      const unknown = await ask(`ghost-${Date.now()}@nowhere.example`);
      const known = await ask(user.email);
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
      const jobs = await eventually(async () => {
        const found = await resetJobs();
        return found.length === 2 ? found : null;
      }, 'the two reset mail jobs');
      const data = jobs.map((j) => j.data as PasswordResetMailJobData);
      expect(Object.keys(data[0]).sort()).toEqual(Object.keys(data[1]).sort());
      for (const d of data) expect(JSON.stringify(d)).not.toMatch(/@/);
      // The api does not send it: the worker does, and only for the address with an account.
      expect(outbox.sent.length).toBe(sentBefore);
      const tokens = async () =>
        (
          await sql.query(
            `SELECT count(*)::int AS n FROM one_time_token WHERE purpose = 'password_reset' AND user_id = $1`,
            [user.id],
          )
        ).rows[0].n;
      expect(await tokens()).toBe(0);
      for (const d of data) await app.get(PasswordResetService).sendLink(d);
      expect(outbox.sent.slice(sentBefore).map((m) => m.to)).toEqual([user.email]);
      expect(await tokens()).toBe(1);
    });

    it('resets a password with a single-use emailed link and ends every session', async () => {
      const organisation = await make.organisation();
      const user = await make.user([{ organisation, roles: ['viewer'] }]);
      const old = await signedIn(user);
      expect((await ask(user.email)).status).toBe(202);
      const [job] = await eventually(async () => {
        const found = await resetJobs();
        return found.length ? found : null;
      }, 'the reset mail job');
      // What the worker does with the job.
      await app.get(PasswordResetService).sendLink(job.data as PasswordResetMailJobData);
      const token = outbox.linkTo(user.email, '/reset-password');
      const done = await request(app.getHttpServer())
        .post('/api/auth/password-reset/complete')
        .send({ token, password: 'Quiet-Lantern-Orchard-7' });
      expect(done.status).toBe(204);
      expect((await old.get('/api/auth/me')).status).toBe(401);
      expect((await new Browser(app).signIn(user.email, user.password)).status).toBe(401);
      const fresh = await new Browser(app).signIn(user.email, 'Quiet-Lantern-Orchard-7');
      expect(fresh.body.status).toBe('signed_in');
      const reuse = await request(app.getHttpServer())
        .post('/api/auth/password-reset/complete')
        .send({ token, password: 'Another-Quiet-Lantern-8' });
      expect(reuse.status).toBe(404);
    });
  });

  it('changes roles and deactivates members, never the last administrator', async () => {
    const { organisation, admin } = await make.organisationWithAdmin();
    const dana = await make.user([{ organisation, roles: ['marketer'] }]);
    const priyaUser = await make.user([{ organisation, roles: ['manager'] }]);
    const b = await signedIn(admin);
    const changed = await b.send('patch', `/api/users/${dana.id}/roles`, { roles: ['marketer', 'reviewer'] });
    expect(changed.body.roles).toEqual(['marketer', 'reviewer']);
    const lastAdmin = await b.send('patch', `/api/users/${admin.id}/roles`, { roles: ['viewer'] });
    expect(lastAdmin.status).toBe(422);
    expect(lastAdmin.body.details[0].rule).toBe('lastAdmin');

    const priya = await signedIn(priyaUser);
    const off = await b.send('post', `/api/users/${priyaUser.id}/deactivate`);
    expect(off.body.status).toBe('deactivated');
    expect((await priya.get('/api/auth/me')).status).toBe(401);
    expect((await new Browser(app).signIn(priyaUser.email, priyaUser.password)).status).toBe(401);
    expect((await b.send('post', `/api/users/${priyaUser.id}/reactivate`)).body.status).toBe('active');
  });

  it('switches organisation, signs out and signs out everywhere', async () => {
    const riverside = await make.organisation({ name: 'Riverside' });
    const lakeside = await make.organisation({ name: 'Lakeside' });
    const admin = await make.user([
      { organisation: riverside, roles: ['admin'] },
      { organisation: lakeside, roles: ['admin'] },
    ]);
    const other = await make.user([{ organisation: riverside, roles: ['manager'] }]);
    const a = new Browser(app);
    const me = (await a.signIn(admin.email, admin.password)).body.me;
    expect(me.organisations.map((o: { name: string }) => o.name)).toEqual(['Lakeside', 'Riverside']);
    await sql.query(`UPDATE organisation SET mfa_required = true WHERE id = $1`, [lakeside.id]);
    const refused = await a.send('post', '/api/auth/switch-organisation', { organisationId: lakeside.id });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: 'mfa_required',
      message: expect.stringMatching(/^Lakeside requires two-step/),
    });
    await sql.query(`UPDATE organisation SET mfa_required = false WHERE id = $1`, [lakeside.id]);
    const switched = await a.send('post', '/api/auth/switch-organisation', { organisationId: lakeside.id });
    expect(switched.body.organisation.name).toBe('Lakeside');
    expect((await a.get('/api/auth/me')).body.organisation.name).toBe('Lakeside');
    const b = new Browser(app);
    await b.signIn(admin.email, admin.password);
    // Back where they worked last.
    expect((await b.get('/api/auth/me')).body.organisation.name).toBe('Lakeside');
    const sessions = (await b.get('/api/auth/sessions')).body as Array<{ id: string; current: boolean }>;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    // Ending another of one's own sessions (a lost phone); someone else's id is not found.
    const c = new Browser(app);
    const lostPhone = (await c.signIn(admin.email, admin.password)).body.me.session.id as string;
    expect((await b.send('delete', `/api/auth/sessions/${lostPhone}`)).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const stranger = await signedIn(other);
    expect((await stranger.send('delete', `/api/auth/sessions/${sessions[0].id}`)).status).toBe(404);
    expect((await b.send('post', '/api/auth/sign-out')).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await a.send('post', '/api/auth/sign-out-everywhere');
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it('records it all in the audit trail, exports CSV (audited) and verifies the chain', async () => {
    const { organisation, admin } = await make.organisationWithAdmin({ name: 'Audited Practice' });
    const reviewerUser = await make.user([{ organisation, roles: ['reviewer'] }]);
    const dana = await make.user([{ organisation, roles: ['marketer'] }]);
    const adminBrowser = await signedIn(admin);
    expect((await new Browser(app).signIn(dana.email, 'not-the-password-at-all')).status).toBe(401);
    const newcomer = `newcomer@${organisation.slug}.example`;
    await adminBrowser.send('post', '/api/users/invitations', { email: newcomer, roles: ['viewer'] });
    const joined = await new Browser(app).send(
      'post',
      '/api/auth/invitations/accept',
      {
        token: outbox.linkTo(newcomer, '/accept-invitation'),
        displayName: 'New Comer',
        password: 'Ledger-Harbor-Maple-42',
      },
      false,
    );
    expect(joined.body.status).toBe('signed_in');
    await adminBrowser.send('patch', `/api/users/${dana.id}/roles`, { roles: ['marketer', 'reviewer'] });
    await adminBrowser.send('post', `/api/users/${dana.id}/deactivate`);
    await adminBrowser.send('put', '/api/organisation/security', {
      mfaRequired: false,
      idleTimeoutPrivilegedMinutes: 14,
      idleTimeoutStandardMinutes: 30,
    });

    const r = await signedIn(reviewerUser);
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
      ]),
    );
    const roles = page.body.entries.find((e: { action: string }) => e.action === 'member.roles_changed');
    expect(roles.diff).toEqual({ roles: { from: ['marketer'], to: ['marketer', 'reviewer'] } });
    expect(roles.actorLabel).toBe(admin.email);
    expect(roles.requestId).toEqual(expect.any(String));

    const csv = await r.get('/api/audit/export?action=member.');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="carecast-audit-${organisation.slug}-`),
    );
    expect(csv.text.split('\r\n')[0]).toMatch(/^seq,at,action/);
    const exported = await r.get('/api/audit?action=audit.exported');
    expect(exported.body.entries[0].actorLabel).toBe(reviewerUser.email);

    const verified = await r.send('post', '/api/audit/verify');
    expect(verified.body).toMatchObject({ intact: true, firstBroken: null });
    expect(verified.body.checked).toBeGreaterThanOrEqual(actions.length);
  });
});

describe('identity: the sign-in rate limit', () => {
  let testApi: TestApi;

  beforeAll(async () => {
    testApi = await startTestApi('identity-limit', { signInRateLimitPerMinute: 2 });
  });

  afterAll(async () => {
    await testApi?.close();
  });

  it('answers 429 with a standard Retry-After in seconds once an address passes it', async () => {
    const signIn = () =>
      request(testApi.app.getHttpServer())
        .post('/api/auth/sign-in')
        .send({ email: 'nobody@nowhere.example', password: 'not-the-password-at-all' });
    expect((await signIn()).status).toBe(401);
    expect((await signIn()).status).toBe(401);
    const limited = await signIn();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    const seconds = Number(limited.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
  });
});
