import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { apiErrorBody, apiErrorCode } from '../http/api-error-message';
import { HANDLES_401 } from './auth.service';
import { AuthStore } from './auth.store';
import { safeReturnUrl, type SignInReason } from './sign-in-reason';

/** 401 answers that are about what was typed (a wrong code), not about the session. */
const NOT_ABOUT_THE_SESSION = new Set(['invalid_credentials', 'invalid_code']);

/** Endpoints whose 401 is part of signing in, handled by the sign-in page itself. */
const SIGN_IN_ENDPOINTS = /^\/api\/auth\/(sign-in|mfa\/verify)(?:[?#]|$)/;

function endsTheSession(req: HttpRequest<unknown>, error: HttpErrorResponse): boolean {
  if (error.status !== 401 || req.context.get(HANDLES_401)) return false;
  const path = req.url.replace(/^https?:\/\/[^/]+/, '');
  if (!path.startsWith('/api/') || SIGN_IN_ENDPOINTS.test(path)) return false;
  return !NOT_ABOUT_THE_SESSION.has(apiErrorCode(error) ?? '');
}

/**
 * When the API says the session is over (a 401 from any call but the sign-in steps), forget the
 * user and go to the sign-in page, which says why and brings them back to where they were.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && endsTheSession(req, error)) {
        const reason: SignInReason = apiErrorCode(error) === 'session_expired' ? 'expired' : 'signed-out';
        const wasSignedIn = store.signedIn();
        store.clear(apiErrorBody(error)?.message ?? null);
        const current = router.url;
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
