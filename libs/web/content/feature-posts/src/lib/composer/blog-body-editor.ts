import { ChangeDetectionStrategy, Component, computed, ElementRef, input, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';

interface Format {
  label: string;
  before: string;
  after: string;
  /** Put each selected line in its own pair (list items). */
  perLine?: boolean;
  wrap?: [string, string];
}

const FORMATS: Format[] = [
  { label: 'Bold', before: '<strong>', after: '</strong>' },
  { label: 'Italic', before: '<em>', after: '</em>' },
  { label: 'Heading', before: '<h2>', after: '</h2>' },
  { label: 'Paragraph', before: '<p>', after: '</p>' },
  { label: 'Bulleted list', before: '<li>', after: '</li>', perLine: true, wrap: ['<ul>\n', '\n</ul>'] },
  { label: 'Link', before: '<a href="https://">', after: '</a>' },
];

/**
 * The blog article's body: a plain text area holding simple HTML, with buttons that wrap the
 * selected words in the few tags the blog shows (bold, italic, heading, paragraph, list, link).
 * The preview beside it shows the result; the server keeps only those tags when it saves.
 */
@Component({
  selector: 'cc-blog-body-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule],
  template: `
    <label class="be__label" [for]="fieldId()">{{ label() }}</label>
    <div
      class="be__toolbar"
      role="toolbar"
      [attr.aria-label]="toolbarLabel()"
      [attr.aria-controls]="fieldId()"
    >
      @for (format of formats; track format.label) {
        <button mat-stroked-button type="button" [disabled]="control().disabled" (click)="apply(format)">
          {{ format.label }}
        </button>
      }
    </div>
    <textarea
      #area
      class="be__area"
      [id]="fieldId()"
      [formControl]="control()"
      rows="8"
      [attr.lang]="lang()"
      [attr.aria-describedby]="fieldId() + '-hint'"
    ></textarea>
    <p class="be__hint" [id]="fieldId() + '-hint'">
      Select words and press a button to format them. Leave it empty to publish the
      {{ lang() === 'es' ? 'Spanish ' : '' }}text above as the article.
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .be__label {
      display: block;
      margin-block-end: 4px;
      font: var(--mat-sys-title-small);
    }
    .be__toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-block-end: 4px;
    }
    .be__area {
      box-sizing: border-box;
      inline-size: 100%;
      padding: 12px 14px;
      font:
        14px/1.5 ui-monospace,
        'SFMono-Regular',
        Menlo,
        monospace;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      resize: vertical;
    }
    .be__hint {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class BlogBodyEditor {
  readonly control = input.required<FormControl<string | null>>();
  readonly fieldId = input.required<string>();
  readonly label = input('Article body');
  /** "Format the article body", "Format the Spanish article body" (a language keeps its capital). */
  protected readonly toolbarLabel = computed(() => {
    const label = this.label();
    return `Format the ${/^Article\b/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label}`;
  });
  /** The language written in the body (the Spanish article's is `es`); null: the page's. */
  readonly lang = input<string | null>(null);
  protected readonly formats = FORMATS;
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');

  protected apply(format: Format): void {
    const area = this.area().nativeElement;
    const value = this.control().value ?? '';
    const { selectionStart: start, selectionEnd: end } = area;
    const selected = value.slice(start, end) || (format.perLine ? 'List item' : 'text');
    let inserted = format.perLine
      ? selected
          .split('\n')
          .map((line) => `${format.before}${line}${format.after}`)
          .join('\n')
      : `${format.before}${selected}${format.after}`;
    if (format.wrap) inserted = `${format.wrap[0]}${inserted}${format.wrap[1]}`;
    this.control().setValue(value.slice(0, start) + inserted + value.slice(end));
    this.control().markAsDirty();
    area.focus();
    area.setSelectionRange(start, start + inserted.length);
  }
}
