import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { DiffPiece } from './side-by-side';

/** One side of a diff: words removed struck through (`del`) or words added marked (`ins`). */
@Component({
  selector: 'cc-diff-side',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One line: the text keeps its own spaces and line breaks (white-space: pre-wrap).
  template: `@for (p of pieces(); track $index) {
    @if (p.changed) {
      @if (added()) {
        <ins>{{ p.text }}</ins>
      } @else {
        <del>{{ p.text }}</del>
      }
    } @else {
      <span>{{ p.text }}</span>
    }
  }`,
  styles: `
    :host {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    del {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    ins {
      text-decoration: underline;
      background: var(--cc-success-container);
      color: var(--cc-on-success-container);
    }
  `,
})
export class DiffSide {
  readonly pieces = input.required<readonly DiffPiece[]>();
  /** The later side (additions) rather than the earlier one (removals). */
  readonly added = input(false);
}
