import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { InvitationCreated, MemberSummary, Role, SessionSummary } from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

export const USERS_URL = '/api/users';

/** HTTP calls of the members of the current organisation. */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(): Observable<MemberSummary[]> {
    return this.http.get<MemberSummary[]>(USERS_URL);
  }

  invite(email: string, roles: Role[]): Observable<InvitationCreated> {
    return this.http.post<InvitationCreated>(`${USERS_URL}/invitations`, { email, roles });
  }

  setRoles(userId: string, roles: Role[]): Observable<MemberSummary> {
    return this.http.patch<MemberSummary>(`${USERS_URL}/${encodeURIComponent(userId)}/roles`, { roles });
  }

  deactivate(userId: string): Observable<MemberSummary> {
    return this.http.post<MemberSummary>(`${USERS_URL}/${encodeURIComponent(userId)}/deactivate`, {});
  }

  reactivate(userId: string): Observable<MemberSummary> {
    return this.http.post<MemberSummary>(`${USERS_URL}/${encodeURIComponent(userId)}/reactivate`, {});
  }

  sessions(userId: string): Observable<SessionSummary[]> {
    return this.http.get<SessionSummary[]>(`${USERS_URL}/${encodeURIComponent(userId)}/sessions`);
  }

  signOutEverywhere(userId: string): Observable<void> {
    return this.http.delete<void>(`${USERS_URL}/${encodeURIComponent(userId)}/sessions`);
  }
}
