/**
 * Roles and permissions as data: the api guard enforces them, the dashboard uses the same table
 * to show or hide actions. A user may hold several roles in one organisation.
 */
export const ROLES = ['admin', 'marketer', 'reviewer', 'manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'content.read',
  'content.write',
  'content.schedule',
  'review.read',
  'review.decide',
  'inbox.read',
  'inbox.reply',
  'inbox.assign',
  'channels.read',
  'channels.manage',
  'audit.read',
  'audit.export',
  'users.read',
  'users.manage',
  'organisation.manage',
  'system.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['content.read', 'review.read', 'inbox.read', 'channels.read', 'system.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  marketer: [...READ, 'content.write', 'content.schedule'],
  reviewer: [...READ, 'review.decide', 'audit.read', 'audit.export'],
  manager: [...READ, 'inbox.reply', 'inbox.assign', 'review.decide', 'users.read'],
  viewer: READ,
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  marketer: 'Marketing',
  reviewer: 'Compliance reviewer',
  manager: 'Practice manager',
  viewer: 'Viewer',
};

/** Everything the given roles allow, without duplicates, in the order of PERMISSIONS. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** Roles whose sessions time out sooner when idle (they can approve or administer). */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'reviewer'];
