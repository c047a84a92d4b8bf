import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditPage, AuditVerification } from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

export const AUDIT_URL = '/api/audit';
export const AUDIT_EXPORT_URL = '/api/audit/export';
export const AUDIT_VERIFY_URL = '/api/audit/verify';

/** The filters of the audit log, as the API takes them (from/to are ISO instants). */
export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
}

/** Only the filters that are set, as query parameters. */
export function auditParams(query: AuditQuery, extra: Record<string, string | number> = {}): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries({ ...query, ...extra })) {
    if (value !== undefined && value !== null && String(value).trim() !== '') {
      params = params.set(key, String(value).trim());
    }
  }
  return params;
}

@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);

  page(query: AuditQuery, cursor: string | null, limit = 50): Observable<AuditPage> {
    return this.http.get<AuditPage>(AUDIT_URL, {
      params: auditParams(query, { limit, ...(cursor ? { cursor } : {}) }),
    });
  }

  verify(): Observable<AuditVerification> {
    return this.http.post<AuditVerification>(AUDIT_VERIFY_URL, {});
  }

  /** The address of the CSV export of the entries these filters select (a plain download). */
  exportUrl(query: AuditQuery): string {
    const params = auditParams(query).toString();
    return params ? `${AUDIT_EXPORT_URL}?${params}` : AUDIT_EXPORT_URL;
  }
}
