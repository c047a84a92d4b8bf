import { inject, InjectionToken } from '@angular/core';
import { DEFAULT_LOCALE, type Organisation } from '@carecast/web/shared/util';
import { AuthStore } from '../auth/auth.store';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The signed-in user's current organisation (`me.organisation`), read live: each property reads
 * the auth store's signal, so templates and computed values follow an organisation switch.
 * Before sign-in it has no name and the browser's time zone.
 */
export const ORGANISATION = new InjectionToken<Organisation>('ORGANISATION', {
  providedIn: 'root',
  factory: () => {
    const store = inject(AuthStore);
    return {
      get name() {
        return store.organisation()?.name ?? '';
      },
      get timeZone() {
        return store.organisation()?.timeZone ?? browserTimeZone();
      },
      get locale() {
        return DEFAULT_LOCALE;
      },
    };
  },
});
