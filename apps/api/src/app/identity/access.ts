import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthSession, RequestMeta, SessionStage } from '@carecast/server/identity';
import type { Permission } from '@carecast/shared/contracts';

export const ACCESS_KEY = 'carecast:access';

/** Who may call a route. Every route declares one (a test enumerates them). */
export type Access =
  { kind: 'public' } | { kind: 'session'; stages: SessionStage[]; permission: Permission | null };

/** Anyone, signed in or not (sign-in itself, health checks, invitation links). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);

/** A fully signed-in session holding this permission in its current organisation. */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'session', stages: ['active'], permission } satisfies Access),
    ...documented(`Needs the \`${permission}\` permission in the current organisation.`),
  );

/** Any session in one of these stages, whatever its permissions (your own account). */
export const SignedIn = (stages: SessionStage[] = ['active']) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'session', stages, permission: null } satisfies Access),
    ...documented('Needs a signed-in session.'),
  );

export const BACKGROUND_ROUTE_KEY = 'carecast:background-route';

/**
 * Calls of this route never count as the person's activity for the idle timeout, whatever they
 * send (a live stream the browser keeps open and reopens by itself, without anyone doing anything).
 */
export const BackgroundRoute = () => SetMetadata(BACKGROUND_ROUTE_KEY, true);

function documented(forbidden: string) {
  return [
    ApiCookieAuth('cc_session'),
    ApiUnauthorizedResponse({ description: '`unauthenticated` or `session_expired`: sign in (again).' }),
    ApiForbiddenResponse({ description: `${forbidden} Writes also need X-CSRF-Token (\`csrf_failed\`).` }),
  ];
}

export interface AuthenticatedRequest extends Request {
  id: string;
  auth?: AuthSession;
}

/** The verified session of the request (set by the guard). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthSession => {
  const session = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!session) throw new Error('CurrentSession used on a route without a session');
  return session;
});

export function requestMeta(req: AuthenticatedRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return {
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 400) : null,
    requestId: String(req.id),
  };
}

/** Where the request came from: ip, user agent, request id. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMeta(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);

export const SIGN_IN_RATE_LIMIT_KEY = 'carecast:sign-in-rate-limit';

/** Also counts against the stricter per-address limit of credential endpoints (see ApiModule). */
export const SignInRateLimit = () => SetMetadata(SIGN_IN_RATE_LIMIT_KEY, true);
