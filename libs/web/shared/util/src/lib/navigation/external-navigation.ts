import { DOCUMENT } from '@angular/common';
import { inject, InjectionToken } from '@angular/core';

/** Leaves the dashboard for another site (a platform's sign-in page); replaced in tests. */
export const EXTERNAL_NAVIGATION = new InjectionToken<(url: string) => void>('EXTERNAL_NAVIGATION', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).defaultView?.location;
    return (url: string) => location?.assign(url);
  },
});
