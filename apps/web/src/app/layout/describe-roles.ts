import { ROLE_LABELS, type Role } from '@carecast/shared/contracts';

/** "Marketing, Compliance reviewer": a person's roles in words. */
export function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role] ?? role).join(', ');
}
