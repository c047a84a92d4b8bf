import { InjectionToken } from '@angular/core';

/** The organisation whose dashboard this is. */
export interface Organisation {
  name: string;
  /** IANA time zone every time on screen is shown in, e.g. `America/New_York`. */
  timeZone: string;
  /** BCP 47 locale used to format dates and numbers. */
  locale: string;
}

/**
 * Until organisations come from the API (with user accounts), the dashboard shows this one.
 */
export const ORGANISATION = new InjectionToken<Organisation>('ORGANISATION', {
  providedIn: 'root',
  factory: () => ({ name: 'Riverside Family Medicine', timeZone: 'America/New_York', locale: 'en-US' }),
});
