import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ChannelConnectOption,
  ChannelKind,
  ChannelSummary,
  ChooseAccountsRequest,
  ChooseAccountsResult,
  ConnectChannelRequest,
  OAuthStartResponse,
  PendingAccountChoice,
} from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

export const CHANNELS_URL = '/api/channels';

/** HTTP calls of the channels (connected accounts) of the current organisation. */
@Injectable({ providedIn: 'root' })
export class ChannelsService {
  private readonly http = inject(HttpClient);

  list(): Observable<ChannelSummary[]> {
    return this.http.get<ChannelSummary[]>(CHANNELS_URL);
  }

  /** Connects an account, or reconnects it when it is already connected. */
  connect(request: ConnectChannelRequest): Observable<ChannelSummary> {
    return this.http.post<ChannelSummary>(CHANNELS_URL, request);
  }

  /** How each kind can be connected here (with the platform's sign-in or not). */
  connectOptions(): Observable<ChannelConnectOption[]> {
    return this.http.get<ChannelConnectOption[]>(`${CHANNELS_URL}/connect-options`);
  }

  /** Where to send the browser to sign in with the platform. */
  startOAuth(kind: ChannelKind): Observable<OAuthStartResponse> {
    return this.http.post<OAuthStartResponse>(`${CHANNELS_URL}/oauth/${encodeURIComponent(kind)}/start`, {});
  }

  pendingChoice(id: string): Observable<PendingAccountChoice> {
    return this.http.get<PendingAccountChoice>(`${CHANNELS_URL}/oauth-choices/${encodeURIComponent(id)}`);
  }

  /** Connects the chosen accounts; `confirmSharedAccount` after the person confirmed the warning. */
  choose(id: string, ids: string[], confirmSharedAccount = false): Observable<ChooseAccountsResult> {
    const body: ChooseAccountsRequest = { ids, ...(confirmSharedAccount ? { confirmSharedAccount } : {}) };
    return this.http.post<ChooseAccountsResult>(
      `${CHANNELS_URL}/oauth-choices/${encodeURIComponent(id)}`,
      body,
    );
  }

  disable(id: string): Observable<ChannelSummary> {
    return this.http.post<ChannelSummary>(`${CHANNELS_URL}/${encodeURIComponent(id)}/disable`, {});
  }

  enable(id: string): Observable<ChannelSummary> {
    return this.http.post<ChannelSummary>(`${CHANNELS_URL}/${encodeURIComponent(id)}/enable`, {});
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${CHANNELS_URL}/${encodeURIComponent(id)}`);
  }
}
