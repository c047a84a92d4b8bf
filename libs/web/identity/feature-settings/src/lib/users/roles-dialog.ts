import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { MemberSummary } from '@carecast/shared/contracts';
import { UsersService } from '@carecast/web/identity/data-access';
import { applyServerErrors, markSubmitted } from '@carecast/web/shared/util';
import { Notice } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';
import { ROLE_OPTIONS, rolesForm, selectedRoles } from './roles';

/** Changing a member's roles; closes with the updated member once the API saved them. */
@Component({
  selector: 'cc-roles-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, Notice],
  template: `
    <h2 mat-dialog-title>Roles of {{ member.displayName || member.email }}</h2>
    <form (submit)="$event.preventDefault(); save()" novalidate>
      <mat-dialog-content>
        <fieldset class="roles" [formGroup]="form">
          <legend class="cc-visually-hidden">Roles</legend>
          @for (option of roleOptions; track option.role) {
            <mat-checkbox [formControlName]="option.role">
              {{ option.label }}
              <span class="roles__hint">{{ option.hint }}</span>
            </mat-checkbox>
          }
        </fieldset>
        <div class="form-error" aria-live="assertive">
          @if (error()) {
            <cc-notice tone="error"
              ><p>{{ error() }}</p></cc-notice
            >
          } @else if (form.invalid && form.dirty && form.touched) {
            <cc-notice tone="error"><p>Choose at least one role.</p></cc-notice>
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Save roles</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .roles {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .roles__hint {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RolesDialog {
  protected readonly member = inject<MemberSummary>(MAT_DIALOG_DATA);
  private readonly api = inject(UsersService);
  private readonly ref = inject<MatDialogRef<RolesDialog, MemberSummary>>(MatDialogRef);

  protected readonly roleOptions = ROLE_OPTIONS;
  protected readonly form = rolesForm(this.member.roles);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async save(): Promise<void> {
    markSubmitted(this.form);
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await firstValueFrom(this.api.setRoles(this.member.userId, selectedRoles(this.form))));
    } catch (error: unknown) {
      // e.g. 422 lastAdmin: the refusal is about the roles as a whole, so it shows here.
      this.error.set(applyServerErrors(this.form, error));
    } finally {
      this.busy.set(false);
    }
  }
}
