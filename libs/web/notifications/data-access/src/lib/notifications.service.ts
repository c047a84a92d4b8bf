import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
  UpdateNotificationPreferencesRequest,
} from '@carecast/shared/contracts';
import { BACKGROUND_HEADER } from '@carecast/web/core';
import type { Observable } from 'rxjs';

export const NOTIFICATIONS_URL = '/api/notifications';
export const NOTIFICATIONS_UNREAD_URL = `${NOTIFICATIONS_URL}/unread-count`;
export const NOTIFICATIONS_READ_ALL_URL = `${NOTIFICATIONS_URL}/read-all`;
export const NOTIFICATION_PREFERENCES_URL = `${NOTIFICATIONS_URL}/preferences`;
/** The live stream (Server-Sent Events), opened with EventSource. */
export const NOTIFICATIONS_STREAM_URL = `${NOTIFICATIONS_URL}/stream`;

export const notificationReadUrl = (id: string) => `${NOTIFICATIONS_URL}/${encodeURIComponent(id)}/read`;

/** HTTP calls of the notifications context: the signed-in person's own notifications. */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);

  /** Newest first; `before` is the previous page's `nextCursor`. */
  list(
    options: { before?: string | null; unreadOnly?: boolean; limit?: number } = {},
  ): Observable<NotificationPage> {
    const params: Record<string, string> = { limit: String(options.limit ?? 10) };
    if (options.before) params['before'] = options.before;
    if (options.unreadOnly) params['unread'] = 'true';
    return this.http.get<NotificationPage>(NOTIFICATIONS_URL, { params });
  }

  /** The count alone; background traffic (it does not keep an idle session alive). */
  unreadCount(): Observable<UnreadCount> {
    return this.http.get<UnreadCount>(NOTIFICATIONS_UNREAD_URL, { headers: { [BACKGROUND_HEADER]: '1' } });
  }

  markRead(id: string): Observable<UnreadCount> {
    return this.http.post<UnreadCount>(notificationReadUrl(id), {});
  }

  markAllRead(): Observable<UnreadCount> {
    return this.http.post<UnreadCount>(NOTIFICATIONS_READ_ALL_URL, {});
  }

  preferences(): Observable<NotificationPreferences> {
    return this.http.get<NotificationPreferences>(NOTIFICATION_PREFERENCES_URL);
  }

  savePreferences(request: UpdateNotificationPreferencesRequest): Observable<NotificationPreferences> {
    return this.http.put<NotificationPreferences>(NOTIFICATION_PREFERENCES_URL, request);
  }
}
