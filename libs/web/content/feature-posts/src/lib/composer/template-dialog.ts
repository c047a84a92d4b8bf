import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { PostTemplate } from '@carecast/shared/contracts';

/** Lists the templates to start from; closes with the chosen one. */
@Component({
  selector: 'cc-template-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Start from a template</h2>
    <mat-dialog-content>
      <p>Each template is written for practices. Fill in its blanks; you can change any word afterwards.</p>
      <ul class="templates">
        @for (template of templates; track template.id) {
          <li>
            <button class="template" type="button" [mat-dialog-close]="template">
              <span class="template__name">{{ template.name }}</span>
              <span class="template__kind">{{
                template.kind === 'health_alert' ? 'Health alert' : 'Post'
              }}</span>
              <span class="template__description">{{ template.description }}</span>
            </button>
          </li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="null">Cancel</button>
    </mat-dialog-actions>
  `,
  styles: `
    .templates {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .template {
      display: grid;
      gap: 2px;
      inline-size: 100%;
      padding: 12px 16px;
      text-align: start;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
      font: inherit;
      cursor: pointer;
    }
    .template:hover,
    .template:focus-visible {
      background: var(--mat-sys-secondary-container);
    }
    .template:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
    }
    .template__name {
      font: var(--mat-sys-title-small);
    }
    .template__kind,
    .template__description {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TemplateDialog {
  protected readonly templates = inject<PostTemplate[]>(MAT_DIALOG_DATA);
}
