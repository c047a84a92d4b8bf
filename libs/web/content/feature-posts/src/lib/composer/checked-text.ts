import { ChangeDetectionStrategy, Component, computed, ElementRef, input, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import type { Finding } from '@carecast/shared/contracts';
import { segmentsOf } from './finding-marks';

/**
 * A text area whose words found by the checks are marked behind the text as it is typed (a
 * layer under a transparent text area): blocking ones with a solid underline and a stripe at the
 * start, warnings with a dotted one. The marks are decorative; the findings list says the same in words.
 */
@Component({
  selector: 'cc-checked-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <label class="ct__label" [for]="fieldId()"
      >{{ label() }}
      @if (required()) {
        <span aria-hidden="true"> *</span>
      }
    </label>
    <div class="ct__box" [class.ct__box--disabled]="control().disabled">
      <div class="ct__backdrop" aria-hidden="true" #backdrop>
        @for (segment of segments(); track $index) {
          @if (segment.severity) {
            <mark [class]="'ct__mark ct__mark--' + segment.severity">{{ segment.text }}</mark>
          } @else {
            <span>{{ segment.text }}</span>
          }
        }
        <span>&#8203;</span>
      </div>
      <textarea
        #area
        class="ct__area"
        [id]="fieldId()"
        [formControl]="control()"
        [rows]="rows()"
        [attr.aria-describedby]="describedBy()"
        [attr.aria-required]="required() || null"
        [attr.lang]="lang()"
        (scroll)="syncScroll()"
      ></textarea>
    </div>
    @if (hint()) {
      <p class="ct__hint" [id]="fieldId() + '-hint'">{{ hint() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .ct__label {
      display: block;
      margin-block-end: 4px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    .ct__box {
      position: relative;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface);
    }
    .ct__box:focus-within {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -1px;
    }
    .ct__box--disabled {
      background: var(--mat-sys-surface-container);
    }
    .ct__backdrop,
    .ct__area {
      box-sizing: border-box;
      margin: 0;
      padding: 12px 14px;
      font: var(--mat-sys-body-large);
      letter-spacing: normal;
      white-space: pre-wrap;
      overflow-wrap: break-word;
      word-break: normal;
      tab-size: 4;
    }
    .ct__backdrop {
      position: absolute;
      inset: 0;
      overflow: hidden;
      color: transparent;
      pointer-events: none;
    }
    .ct__area {
      position: relative;
      display: block;
      inline-size: 100%;
      min-block-size: 6lh;
      field-sizing: content;
      max-block-size: 60vh;
      border: 0;
      outline: 0;
      resize: vertical;
      background: transparent;
      color: var(--mat-sys-on-surface);
    }
    .ct__mark {
      color: transparent;
      border-radius: 2px;
    }
    .ct__mark--block {
      background: color-mix(in srgb, var(--mat-sys-error) 22%, transparent);
      text-decoration: underline 2px solid var(--mat-sys-error);
      text-underline-offset: 3px;
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    .ct__mark--warn {
      background: color-mix(in srgb, #f9a825 28%, transparent);
      text-decoration: underline 2px dotted #8a5a00;
      text-underline-offset: 3px;
    }
    .ct__hint {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CheckedText {
  readonly control = input.required<FormControl<string>>();
  /** The text now (the page's signal of the control's value). */
  readonly text = input.required<string>();
  readonly findings = input<readonly Finding[]>([]);
  readonly label = input.required<string>();
  readonly fieldId = input.required<string>();
  readonly hint = input<string | null>(null);
  /** Ids of further descriptions (the counters). */
  readonly describedByExtra = input<string | null>(null);
  readonly rows = input(6);
  readonly required = input(false);
  readonly lang = input<string | null>(null);

  private readonly backdrop = viewChild.required<ElementRef<HTMLElement>>('backdrop');
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');

  protected readonly segments = computed(() => segmentsOf(this.text(), this.findings()));
  protected readonly describedBy = computed(
    () =>
      [this.hint() ? `${this.fieldId()}-hint` : null, this.describedByExtra()].filter(Boolean).join(' ') ||
      null,
  );

  protected syncScroll(): void {
    this.backdrop().nativeElement.scrollTop = this.area().nativeElement.scrollTop;
  }

  /** Puts the cursor on these characters (from a finding), so the person sees and can fix them. */
  select(start: number, end: number): void {
    const area = this.area().nativeElement;
    area.focus();
    area.setSelectionRange(start, end);
  }
}
