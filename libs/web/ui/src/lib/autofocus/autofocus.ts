import { afterNextRender, Directive, ElementRef, inject } from '@angular/core';

/**
 * Moves focus to this element once it is shown: the first field of each step of a form, so
 * keyboard and screen-reader users start where the step starts.
 */
@Directive({ selector: '[ccAutofocus]' })
export class Autofocus {
  constructor() {
    const element = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterNextRender(() => element.focus());
  }
}
