import type { ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { AuthSession } from '@carecast/server/identity';
import {
  ACCESS_KEY,
  type AuthenticatedRequest,
  CurrentSession,
  Meta,
  Public,
  RequirePermission,
  SIGN_IN_RATE_LIMIT_KEY,
  SignInRateLimit,
  SignedIn,
  requestMeta,
} from './access';

class Routes {
  @Public() open() {
    return 'open';
  }
  @RequirePermission('audit.export') exportAudit() {
    return 'exportAudit';
  }
  @SignedIn() account() {
    return 'account';
  }
  @SignedIn(['mfa_enrolment', 'active']) enrol() {
    return 'enrol';
  }
  @SignInRateLimit() signIn() {
    return 'signIn';
  }
  current(@CurrentSession() _session: AuthSession, @Meta() _meta: unknown) {
    return 'current';
  }
}

// Where @nestjs/swagger keeps what it documents (its constants are not exported).
const API_SECURITY = 'swagger/apiSecurity';
const API_RESPONSE = 'swagger/apiResponse';

const handler = (name: keyof Routes) => Routes.prototype[name];
const accessOf = (name: keyof Routes) => Reflect.getMetadata(ACCESS_KEY, handler(name));

/** The function a parameter decorator of `current` runs for each request. */
function parameter(index: number): (data: unknown, ctx: ExecutionContext) => unknown {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Routes, 'current') as Record<
    string,
    { index: number; factory: (data: unknown, ctx: ExecutionContext) => unknown }
  >;
  const found = Object.values(args).find((a) => a.index === index);
  if (!found) throw new Error(`no parameter decorator at ${index}`);
  return found.factory;
}

const http = (req: Partial<AuthenticatedRequest>) =>
  ({ switchToHttp: () => ({ getRequest: () => req }) }) as unknown as ExecutionContext;

describe('access declarations', () => {
  it('declares public, permission and signed-in rules the guard reads', () => {
    expect(accessOf('open')).toEqual({ kind: 'public' });
    expect(accessOf('exportAudit')).toEqual({
      kind: 'session',
      stages: ['active'],
      permission: 'audit.export',
    });
    expect(accessOf('account')).toEqual({ kind: 'session', stages: ['active'], permission: null });
    expect(accessOf('enrol')).toEqual({
      kind: 'session',
      stages: ['mfa_enrolment', 'active'],
      permission: null,
    });
    expect(ACCESS_KEY).toBe('carecast:access');
  });

  it('documents in the OpenAPI description what a protected route needs', () => {
    for (const name of ['exportAudit', 'account'] as const) {
      expect(Reflect.getMetadata(API_SECURITY, handler(name))).toEqual([{ cc_session: [] }]);
    }
    const responses = (name: keyof Routes) => Reflect.getMetadata(API_RESPONSE, handler(name));
    expect(responses('exportAudit')['403'].description).toBe(
      'Needs the `audit.export` permission in the current organisation. Writes also need X-CSRF-Token (`csrf_failed`).',
    );
    expect(responses('account')['403'].description).toBe(
      'Needs a signed-in session. Writes also need X-CSRF-Token (`csrf_failed`).',
    );
    expect(responses('account')['401'].description).toBe(
      '`unauthenticated` or `session_expired`: sign in (again).',
    );
    expect(Reflect.getMetadata(API_RESPONSE, handler('open'))).toBeUndefined();
  });

  it('marks credential routes for the stricter rate limit', () => {
    expect(SIGN_IN_RATE_LIMIT_KEY).toBe('carecast:sign-in-rate-limit');
    expect(Reflect.getMetadata(SIGN_IN_RATE_LIMIT_KEY, handler('signIn'))).toBe(true);
    expect(Reflect.getMetadata(SIGN_IN_RATE_LIMIT_KEY, handler('account'))).toBeUndefined();
  });
});

describe('request parameters', () => {
  it('hands a route the session the guard verified', () => {
    const session = { sessionId: 's1' } as AuthSession;
    expect(parameter(0)(undefined, http({ auth: session }))).toBe(session);
  });

  it('fails loudly when a route without a session asks for one', () => {
    expect(() => parameter(0)(undefined, http({}))).toThrow(
      'CurrentSession used on a route without a session',
    );
  });

  it('tells where a request came from', () => {
    const req = { ip: '198.51.100.4', id: 'req-9', headers: { 'user-agent': 'curl/8' } };
    expect(parameter(1)(undefined, http(req as never))).toEqual({
      ip: '198.51.100.4',
      userAgent: 'curl/8',
      requestId: 'req-9',
    });
  });

  it('keeps 400 characters of a user agent, and none that is not a string', () => {
    const long = 'a'.repeat(399) + 'bc';
    expect(requestMeta({ ip: undefined, id: 7, headers: { 'user-agent': long } } as never)).toEqual({
      ip: null,
      userAgent: long.slice(0, 400),
      requestId: '7',
    });
    expect(
      requestMeta({ ip: '::1', id: 'r', headers: { 'user-agent': ['a', 'b'] } } as never).userAgent,
    ).toBeNull();
  });
});
