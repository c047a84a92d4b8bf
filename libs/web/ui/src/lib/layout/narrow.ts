import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Phone widths, where tables show fewer columns and stack the rest in the first one. */
export const PHONE_QUERY = '(max-width: 599.98px)';

/** Whether the screen is phone-narrow, as a signal (call in an injection context). */
export function injectNarrow(query = PHONE_QUERY): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(query)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
