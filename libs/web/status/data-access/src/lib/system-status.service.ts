import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HeartbeatRequested, SystemStatus } from '@carecast/shared/contracts';
import { BACKGROUND_HEADER } from '@carecast/web/core';
import { catchError, Observable, of, throwError } from 'rxjs';

export const SYSTEM_STATUS_URL = '/api/system/status';
export const SYSTEM_HEARTBEAT_URL = '/api/system/heartbeat';

/** HTTP calls of the system-status context; nothing else in the app talks to these endpoints. */
@Injectable({ providedIn: 'root' })
export class SystemStatusService {
  private readonly http = inject(HttpClient);

  /**
   * The live status. A 503 that carries a status body (a dependency is down) is still a status
   * answer, so it is returned as one rather than as an error. Marked as background traffic: the
   * poll is not the user doing something, so it should not keep an idle session alive.
   */
  getStatus(): Observable<SystemStatus> {
    return this.http
      .get<SystemStatus>(SYSTEM_STATUS_URL, { headers: { [BACKGROUND_HEADER]: '1' } })
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && isSystemStatus(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }

  /** Queues a heartbeat job for the worker. */
  requestHeartbeat(): Observable<HeartbeatRequested> {
    return this.http.post<HeartbeatRequested>(SYSTEM_HEARTBEAT_URL, {});
  }
}

export function isSystemStatus(value: unknown): value is SystemStatus {
  if (typeof value !== 'object' || value === null) return false;
  const services = (value as Partial<SystemStatus>).services;
  return (
    typeof services === 'object' &&
    services !== null &&
    'postgres' in services &&
    'redis' in services &&
    'worker' in services
  );
}
