import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import { ForbiddenError } from '@carecast/server/core';
import { SessionService } from '@carecast/server/identity';
import { BACKGROUND_REQUEST_HEADER } from '@carecast/shared/contracts';
import {
  ACCESS_KEY,
  type Access,
  type AuthenticatedRequest,
  BACKGROUND_ROUTE_KEY,
  requestMeta,
} from './access';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameHash(token: string, expectedHex: string): boolean {
  const actual = createHash('sha256').update(token, 'utf8').digest();
  const expected = Buffer.from(expectedHex, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Every request: find the route's declared access (none declared: refused), authenticate the
 * session cookie, check the CSRF token on writes, the session's stage and the permission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) throw new ForbiddenError('This endpoint declares no access rule, so it is closed.');
    if (access.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const session = await this.sessions.authenticate(req.cookies?.[SESSION_COOKIE], {
      background:
        req.headers[BACKGROUND_REQUEST_HEADER] === '1' ||
        this.reflector.get<boolean | undefined>(BACKGROUND_ROUTE_KEY, context.getHandler()) === true,
      meta: requestMeta(req),
    });
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameHash(header, session.csrfHash)) {
        throw new ForbiddenError(
          'The request is missing its security token. Reload the page and try again.',
          'csrf_failed',
        );
      }
    }
    if (!access.stages.includes(session.stage)) {
      throw new ForbiddenError(
        session.stage === 'mfa_pending'
          ? 'Enter the code from your authenticator app first.'
          : 'Set up two-step sign-in first: your organisation requires it.',
        'mfa_required',
      );
    }
    if (access.permission && !session.permissions.includes(access.permission)) {
      throw new ForbiddenError(
        `Your role in ${session.organisation.name} does not allow this (${access.permission}).`,
      );
    }
    req.auth = session;
    return true;
  }
}
