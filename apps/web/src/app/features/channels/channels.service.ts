import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChannelSummary, ConnectChannelRequest } from '@carecast/shared/contracts';
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
