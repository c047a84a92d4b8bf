import { inject, InjectionToken } from '@angular/core';
import { AuthStore } from './auth/auth.store';

/** The organisation whose dashboard this is. */
export interface Organisation {
  name: string;
  /** IANA time zone every time on screen is shown in, e.g. `America/New_York`. */
  timeZone: string;
  /** BCP 47 locale used to format dates and numbers. */
  locale: string;
}

/** Dates and numbers are formatted for US English until organisations carry a locale. */
export const DEFAULT_LOCALE = 'en-US';

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
