import { Location } from '@angular/common';
import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { apiErrorBody, apiErrorCode } from '@carecast/web/shared/util';
import { catchError, throwError } from 'rxjs';
import { HANDLES_401 } from './auth.service';
import { AuthStore } from './auth.store';
import { safeReturnUrl, type SignInReason, TWO_STEP_REQUIRED_CODE } from './sign-in-reason';

/** 401 answers that are about what was typed (a wrong code), not about the session. */
const NOT_ABOUT_THE_SESSION = new Set(['invalid_credentials', 'invalid_code']);

/** Endpoints whose 401 is part of signing in, handled by the sign-in page itself. */
const SIGN_IN_ENDPOINTS = /^\/api\/auth\/(sign-in|mfa\/verify)(?:[?#]|$)/;

/** Endpoints whose 403 mfa_required is about what was asked (another organisation), not the session. */
const ASKS_ABOUT_ANOTHER_ORGANISATION = /^\/api\/auth\/switch-organisation(?:[?#]|$)/;

function apiPath(req: HttpRequest<unknown>): string {
  return req.url.replace(/^https?:\/\/[^/]+/, '');
}

function endsTheSession(req: HttpRequest<unknown>, error: HttpErrorResponse): boolean {
  if (error.status !== 401 || req.context.get(HANDLES_401)) return false;
  const path = apiPath(req);
  if (!path.startsWith('/api/') || SIGN_IN_ENDPOINTS.test(path)) return false;
  return !NOT_ABOUT_THE_SESSION.has(apiErrorCode(error) ?? '');
}

/**
 * A 403 mfa_required on an ordinary call: the organisation started requiring two-step sign-in
 * while this session was open, and the API now lets it do nothing but set it up.
 */
function needsTwoStepSetUp(req: HttpRequest<unknown>, error: HttpErrorResponse): boolean {
  if (error.status !== 403 || apiErrorCode(error) !== TWO_STEP_REQUIRED_CODE) return false;
  if (req.context.get(HANDLES_401)) return false;
  const path = apiPath(req);
  return (
    path.startsWith('/api/') &&
    !SIGN_IN_ENDPOINTS.test(path) &&
    !ASKS_ABOUT_ANOTHER_ORGANISATION.test(path) &&
    !path.startsWith('/api/auth/mfa/')
  );
}

/**
 * When the API says the session is over (a 401 from any call but the sign-in steps), or that it
 * may do nothing until two-step sign-in is set up (403 mfa_required), forget the user and go to
 * the sign-in page, which says why (and opens the set-up step) and brings them back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  const location = inject(Location);
  return next(req).pipe(
    catchError((error: unknown) => {
      const twoStep = error instanceof HttpErrorResponse && needsTwoStepSetUp(req, error);
      if (error instanceof HttpErrorResponse && (twoStep || endsTheSession(req, error))) {
        const reason: SignInReason = twoStep
          ? 'two-step-required'
          : apiErrorCode(error) === 'session_expired'
            ? 'expired'
            : 'signed-out';
        const wasSignedIn = store.signedIn();
        store.clear(apiErrorBody(error)?.message ?? null);
        // The address as the person sees it: a page may have replaced it without navigating (a new
        // post gets its own address once first saved), and that is where they come back to.
        const current = location.path() || router.url;
        const onSignIn = /^\/sign-in(?:[/?#]|$)/.test(current);
        // Several calls may fail at once: only the first one (still signed in) redirects.
        if (wasSignedIn && !onSignIn) {
          const returnUrl = safeReturnUrl(current);
          void router.navigate(['/sign-in'], {
            queryParams: { ...(returnUrl ? { returnUrl } : {}), reason },
          });
        }
      }
      return throwError(() => error);
    }),
  );
};
