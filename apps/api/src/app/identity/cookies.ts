import type { CookieOptions, Response } from 'express';
import type { IssuedSession } from '@carecast/server/identity';

export const SESSION_COOKIE = 'cc_session';
export const CSRF_COOKIE = 'cc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Session id: httpOnly, SameSite=Lax, Secure when served over HTTPS; CSRF token readable by the app. */
export function setSessionCookies(res: Response, issued: IssuedSession, secure: boolean): void {
  const base: CookieOptions = { sameSite: 'lax', secure, path: '/', expires: issued.expiresAt };
  res.cookie(SESSION_COOKIE, issued.token, { ...base, httpOnly: true });
  res.cookie(CSRF_COOKIE, issued.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  const base: CookieOptions = { sameSite: 'lax', secure, path: '/' };
  res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, base);
}
