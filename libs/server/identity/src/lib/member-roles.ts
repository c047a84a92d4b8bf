import { ValidationError } from '@carecast/server/core';
import { ROLES, type Role } from '@carecast/shared/contracts';

/** At least one role, each a known one; duplicates dropped. */
export function assertRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (!unique.length || unique.some((r) => !ROLES.includes(r))) {
    throw new ValidationError('Choose at least one role.', [
      { field: 'roles', rule: 'roles', message: `Each role must be one of ${ROLES.join(', ')}.` },
    ]);
  }
  return unique;
}
