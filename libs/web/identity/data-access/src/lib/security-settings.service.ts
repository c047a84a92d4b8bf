import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SecuritySettings } from '@carecast/shared/contracts';
import { Observable } from 'rxjs';

export const SECURITY_SETTINGS_URL = '/api/organisation/security';

@Injectable({ providedIn: 'root' })
export class SecuritySettingsService {
  private readonly http = inject(HttpClient);

  get(): Observable<SecuritySettings> {
    return this.http.get<SecuritySettings>(SECURITY_SETTINGS_URL);
  }

  save(settings: SecuritySettings): Observable<SecuritySettings> {
    return this.http.put<SecuritySettings>(SECURITY_SETTINGS_URL, settings);
  }
}
