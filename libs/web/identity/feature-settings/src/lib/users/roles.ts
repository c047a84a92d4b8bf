import { AbstractControl, FormControl, FormGroup, ValidationErrors } from '@angular/forms';
import { ROLE_LABELS, ROLES, type Role } from '@carecast/shared/contracts';

export type RolesForm = FormGroup<Record<Role, FormControl<boolean>>>;

/** What each role may do, in a few words, next to its checkbox. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything, including users, organisation security and channels',
  marketer: 'Writes and schedules posts',
  reviewer: 'Approves posts; reads and exports the audit log',
  manager: 'Answers the inbox, assigns cases, approves posts',
  viewer: 'Reads everything, changes nothing',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ role, label: ROLE_LABELS[role], hint: ROLE_HINTS[role] }));

function atLeastOneRole(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as Record<string, boolean>).some(Boolean) ? null : { required: true };
}

/** One checkbox per role, at least one of them ticked. */
export function rolesForm(selected: readonly Role[] = []): RolesForm {
  const controls = Object.fromEntries(
    ROLES.map((role) => [role, new FormControl(selected.includes(role), { nonNullable: true })]),
  ) as Record<Role, FormControl<boolean>>;
  return new FormGroup(controls, { validators: atLeastOneRole });
}

export function selectedRoles(form: RolesForm): Role[] {
  return ROLES.filter((role) => form.controls[role].value);
}
