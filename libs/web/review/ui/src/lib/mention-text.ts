import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { mentionSegments } from './highlight';

/** A comment's text with the @mentions of the people it names marked. */
@Component({
  selector: 'cc-mention-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One line: the text keeps its own spaces and line breaks (white-space: pre-wrap).
  template: `@for (p of pieces(); track $index) {
    @if (p.mention) {
      <strong class="mention">{{ p.text }}</strong>
    } @else {
      <span>{{ p.text }}</span>
    }
  }`,
  styles: `
    :host {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .mention {
      padding: 0 2px;
      border-radius: 3px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font-weight: 500;
    }
  `,
})
export class MentionText {
  readonly text = input.required<string>();
  readonly names = input<readonly string[]>([]);
  protected readonly pieces = computed(() => mentionSegments(this.text(), this.names()));
}
