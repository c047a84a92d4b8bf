import { Controller, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '@carecast/server/core';
import type { AuthSession, SessionService, SessionStage } from '@carecast/server/identity';
import type { Permission } from '@carecast/shared/contracts';
import { rejectionOf } from '@carecast/server/testing';
import { type AuthenticatedRequest, BackgroundRoute, Public, RequirePermission, SignedIn } from './access';
import { AuthGuard } from './auth.guard';

const CSRF = 'csrf-token-of-the-session';
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

@Controller()
class Routes {
  @Public() open() {
    return 'open';
  }
  @RequirePermission('users.manage') manageUsers() {
    return 'manageUsers';
  }
  @SignedIn() ownAccount() {
    return 'ownAccount';
  }
  @SignedIn(['mfa_pending', 'active']) secondFactor() {
    return 'secondFactor';
  }
  @SignedIn() @BackgroundRoute() liveStream() {
    return 'liveStream';
  }
  undeclared() {
    return 'undeclared';
  }
}

@Public()
class PublicClass {
  @RequirePermission('audit.read') readAudit() {
    return 'readAudit';
  }
  inherited() {
    return 'inherited';
  }
}

function session(over: Partial<AuthSession> = {}): AuthSession {
  return {
    sessionId: 's1',
    stage: 'active',
    csrfHash: sha256(CSRF),
    user: { id: 'u1', email: 'dana@riverside.example', displayName: 'Dana', mfaEnabled: false },
    organisation: {
      id: 'o1',
      slug: 'riverside',
      name: 'Riverside Family Medicine',
      timeZone: 'America/New_York',
      mfaRequired: false,
      idleTimeoutPrivilegedMinutes: 15,
      idleTimeoutStandardMinutes: 30,
    },
    roles: ['marketer'],
    permissions: ['content.read', 'content.write'],
    idleTimeoutMinutes: 30,
    expiresAt: new Date('2026-03-01T21:00:00Z'),
    ...over,
  };
}

function request(over: Partial<AuthenticatedRequest> = {}): AuthenticatedRequest {
  return {
    method: 'GET',
    headers: {},
    cookies: { cc_session: 'the-session-token' },
    ip: '203.0.113.7',
    id: 'req-1',
    ...over,
  } as AuthenticatedRequest;
}

function context(
  handler: keyof Routes | keyof PublicClass,
  req: AuthenticatedRequest,
  cls: typeof Routes | typeof PublicClass = Routes,
): ExecutionContext {
  return {
    getHandler: () => (cls.prototype as unknown as Record<string, () => void>)[handler],
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard', () => {
  let authenticate: jest.Mock;
  let guard: AuthGuard;

  const withSession = (s: AuthSession) => authenticate.mockResolvedValue(s);
  const refusal = (promise: Promise<unknown>) => rejectionOf(promise, ForbiddenError);

  beforeEach(() => {
    authenticate = jest.fn().mockResolvedValue(session());
    guard = new AuthGuard(new Reflector(), { authenticate } as unknown as SessionService);
  });

  it('closes a route that declares no access, without looking at the session', async () => {
    const err = await refusal(guard.canActivate(context('undeclared', request())));
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/declares no access rule/);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('opens a public route without a session', async () => {
    const req = request({ method: 'POST', cookies: {} });
    await expect(guard.canActivate(context('open', req))).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
    expect(req.auth).toBeUndefined();
  });

  it("takes the route's own rule over its class's", async () => {
    withSession(session({ permissions: ['content.read'] }));
    await refusal(guard.canActivate(context('readAudit', request(), PublicClass)));
    await expect(guard.canActivate(context('inherited', request(), PublicClass))).resolves.toBe(true);
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it('authenticates the session cookie with where the request came from', async () => {
    const req = request({
      headers: { 'user-agent': `Mozilla/5.0 ${'x'.repeat(500)}` },
    });
    await guard.canActivate(context('ownAccount', req));
    expect(authenticate).toHaveBeenCalledWith('the-session-token', {
      background: false,
      meta: {
        ip: '203.0.113.7',
        userAgent: `Mozilla/5.0 ${'x'.repeat(500)}`.slice(0, 400),
        requestId: 'req-1',
      },
    });
    expect(authenticate.mock.calls[0][1].meta.userAgent).toHaveLength(400);
  });

  it('marks only a request sending the background header as 1 as background', async () => {
    await guard.canActivate(context('ownAccount', request({ headers: { 'x-carecast-background': '1' } })));
    await guard.canActivate(context('ownAccount', request({ headers: { 'x-carecast-background': 'yes' } })));
    expect(authenticate.mock.calls.map((c) => c[1].background)).toEqual([true, false]);
  });

  it('marks every request to a background route as background, header or not', async () => {
    await guard.canActivate(context('liveStream', request()));
    await guard.canActivate(context('ownAccount', request()));
    expect(authenticate.mock.calls.map((c) => c[1].background)).toEqual([true, false]);
  });

  it('passes no token when there is no cookie, and lets the refusal through', async () => {
    authenticate.mockRejectedValue(new UnauthenticatedError('Sign in to continue.'));
    const req = request({ cookies: undefined, headers: {} });
    await expect(guard.canActivate(context('ownAccount', req))).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(authenticate.mock.calls[0][0]).toBeUndefined();
    expect(authenticate.mock.calls[0][1].meta).toEqual({
      ip: '203.0.113.7',
      userAgent: null,
      requestId: 'req-1',
    });
  });

  describe('CSRF token on writes', () => {
    it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s without the header', async (method) => {
      const err = await refusal(guard.canActivate(context('ownAccount', request({ method }))));
      expect(err.code).toBe('csrf_failed');
      expect(err.message).toBe('The request is missing its security token. Reload the page and try again.');
    });

    it.each([
      ['another token', 'not-the-csrf-token'],
      ['the token with its last character changed', `${CSRF.slice(0, -1)}X`],
      ['an empty token', ''],
      ['the hash of the token', sha256(CSRF)],
    ])('refuses %s', async (_, token) => {
      const req = request({ method: 'POST', headers: { 'x-csrf-token': token } });
      expect((await refusal(guard.canActivate(context('ownAccount', req)))).code).toBe('csrf_failed');
      expect(req.auth).toBeUndefined();
    });

    it('refuses the token sent twice (a header list)', async () => {
      const req = request({ method: 'POST', headers: { 'x-csrf-token': [CSRF, CSRF] as never } });
      expect((await refusal(guard.canActivate(context('ownAccount', req)))).code).toBe('csrf_failed');
    });

    it('refuses when the session holds no usable token hash', async () => {
      withSession(session({ csrfHash: sha256(CSRF).slice(0, 32) }));
      const req = request({ method: 'POST', headers: { 'x-csrf-token': CSRF } });
      expect((await refusal(guard.canActivate(context('ownAccount', req)))).code).toBe('csrf_failed');
    });

    it('accepts the matching token', async () => {
      const req = request({ method: 'DELETE', headers: { 'x-csrf-token': CSRF } });
      await expect(guard.canActivate(context('ownAccount', req))).resolves.toBe(true);
    });

    it.each(['GET', 'HEAD', 'OPTIONS'])('does not ask for it on %s', async (method) => {
      await expect(guard.canActivate(context('ownAccount', request({ method })))).resolves.toBe(true);
    });
  });

  describe('session stage', () => {
    it.each<[SessionStage, RegExp]>([
      ['mfa_pending', /^Enter the code from your authenticator app first\.$/],
      ['mfa_enrolment', /^Set up two-step sign-in first: your organisation requires it\.$/],
    ])('sends a %s session to finish signing in', async (stage, message) => {
      withSession(session({ stage, permissions: [] }));
      const req = request();
      const err = await refusal(guard.canActivate(context('ownAccount', req)));
      expect(err.code).toBe('mfa_required');
      expect(err.message).toMatch(message);
      expect(req.auth).toBeUndefined();
    });

    it('checks the stage before the permission', async () => {
      withSession(session({ stage: 'mfa_pending', permissions: ['users.manage'] }));
      expect((await refusal(guard.canActivate(context('manageUsers', request())))).code).toBe('mfa_required');
    });

    it('lets a route name the stages it takes', async () => {
      withSession(session({ stage: 'mfa_pending', permissions: [] }));
      await expect(guard.canActivate(context('secondFactor', request()))).resolves.toBe(true);
      withSession(session({ stage: 'mfa_enrolment', permissions: [] }));
      expect((await refusal(guard.canActivate(context('secondFactor', request())))).code).toBe(
        'mfa_required',
      );
    });
  });

  describe('permission', () => {
    it('refuses a session without the permission, naming it and the organisation', async () => {
      const req = request();
      const err = await refusal(guard.canActivate(context('manageUsers', req)));
      expect(err.code).toBe('forbidden');
      expect(err.message).toBe('Your role in Riverside Family Medicine does not allow this (users.manage).');
      expect(req.auth).toBeUndefined();
    });

    it('admits a session holding it, and hands the session to the route', async () => {
      const admin = session({
        roles: ['admin'],
        permissions: ['users.read', 'users.manage'] as Permission[],
      });
      withSession(admin);
      const req = request();
      await expect(guard.canActivate(context('manageUsers', req))).resolves.toBe(true);
      expect(req.auth).toBe(admin);
    });

    it('admits any active session to a route that needs none', async () => {
      withSession(session({ permissions: [] }));
      const req = request();
      await expect(guard.canActivate(context('ownAccount', req))).resolves.toBe(true);
      expect(req.auth?.sessionId).toBe('s1');
    });
  });
});
