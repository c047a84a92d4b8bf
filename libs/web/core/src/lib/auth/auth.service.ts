import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Me, MfaEnabled, MfaSetup, SessionSummary, SignInResult } from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

/**
 * Marks a request whose 401 answer is expected and handled by its caller (the start-up "who am
 * I" check, the sign-in steps), so the session-ended interceptor leaves it alone.
 */
export const HANDLES_401 = new HttpContextToken<boolean>(() => false);

/**
 * Marks a request made in the background (status polling): the API may choose not to count it
 * as activity, so an open tab does not keep an idle session alive.
 */
export const BACKGROUND_HEADER = 'X-Carecast-Background';

import type { InvitationInfo } from '@carecast/shared/contracts';

export type { InvitationInfo };

const handles401 = () => ({ context: new HttpContext().set(HANDLES_401, true) });

/** HTTP calls of sign-in, sessions and the signed-in account. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);

  me(): Observable<Me> {
    return this.http.get<Me>('/api/auth/me', handles401());
  }

  signIn(email: string, password: string): Observable<SignInResult> {
    return this.http.post<SignInResult>('/api/auth/sign-in', { email, password }, handles401());
  }

  verifyMfa(code: string): Observable<SignInResult> {
    return this.http.post<SignInResult>('/api/auth/mfa/verify', { code }, handles401());
  }

  signOut(): Observable<void> {
    return this.http.post<void>('/api/auth/sign-out', {}, handles401());
  }

  signOutEverywhere(): Observable<void> {
    return this.http.post<void>('/api/auth/sign-out-everywhere', {}, handles401());
  }

  switchOrganisation(organisationId: string): Observable<Me> {
    return this.http.post<Me>('/api/auth/switch-organisation', { organisationId });
  }

  sessions(): Observable<SessionSummary[]> {
    return this.http.get<SessionSummary[]>('/api/auth/sessions');
  }

  endSession(sessionId: string): Observable<void> {
    return this.http.delete<void>(`/api/auth/sessions/${encodeURIComponent(sessionId)}`);
  }

  mfaSetup(): Observable<MfaSetup> {
    return this.http.post<MfaSetup>('/api/auth/mfa/setup', {});
  }

  mfaEnable(code: string): Observable<MfaEnabled> {
    return this.http.post<MfaEnabled>('/api/auth/mfa/enable', { code });
  }

  mfaDisable(code: string): Observable<void> {
    return this.http.post<void>('/api/auth/mfa/disable', { code });
  }

  requestPasswordReset(email: string): Observable<{ message?: string } | null> {
    return this.http.post<{ message?: string } | null>('/api/auth/password-reset', { email }, handles401());
  }

  completePasswordReset(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/complete', { token, password }, handles401());
  }

  invitation(token: string): Observable<InvitationInfo> {
    return this.http.get<InvitationInfo>(`/api/auth/invitations/${encodeURIComponent(token)}`, handles401());
  }

  acceptInvitation(token: string, displayName: string, password: string): Observable<SignInResult> {
    return this.http.post<SignInResult>(
      '/api/auth/invitations/accept',
      { token, password, ...(displayName ? { displayName } : {}) },
      handles401(),
    );
  }
}
