import {
  PERMISSIONS,
  PRIVILEGED_ROLES,
  ROLES,
  ROLE_LABELS,
  permissionsOf,
  type Permission,
  type Role,
} from './permissions';

// The role × permission matrix, written out by hand: a change to the table must change this too.
const MATRIX: Record<Permission, Role[]> = {
  'content.read': ['admin', 'marketer', 'reviewer', 'manager', 'viewer'],
  'content.write': ['admin', 'marketer'],
  'content.schedule': ['admin', 'marketer'],
  'review.read': ['admin', 'marketer', 'reviewer', 'manager', 'viewer'],
  'review.decide': ['admin', 'reviewer', 'manager'],
  'inbox.read': ['admin', 'marketer', 'reviewer', 'manager', 'viewer'],
  'inbox.reply': ['admin', 'manager'],
  'inbox.assign': ['admin', 'manager'],
  'channels.read': ['admin', 'marketer', 'reviewer', 'manager', 'viewer'],
  'channels.manage': ['admin'],
  'audit.read': ['admin', 'reviewer'],
  'audit.export': ['admin', 'reviewer'],
  'users.read': ['admin', 'manager'],
  'users.manage': ['admin'],
  'organisation.manage': ['admin'],
  'system.read': ['admin', 'marketer', 'reviewer', 'manager', 'viewer'],
};

describe('role × permission matrix', () => {
  const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const));

  it.each(cases)('%s → %s', (role, permission) => {
    expect(permissionsOf([role]).includes(permission)).toBe(MATRIX[permission].includes(role));
  });

  it('unions the permissions of several roles', () => {
    const both = permissionsOf(['marketer', 'manager']);
    expect(both).toContain('content.write');
    expect(both).toContain('inbox.reply');
    expect(both).not.toContain('users.manage');
    expect(new Set(both).size).toBe(both.length);
  });

  it('gives a viewer no write permission at all', () => {
    expect(permissionsOf(['viewer']).filter((p) => !p.endsWith('.read'))).toEqual([]);
  });

  it('grants nothing for a role it does not know (stale data), and nothing for no role', () => {
    expect(permissionsOf(['auditor' as Role])).toEqual([]);
    expect(permissionsOf(['auditor' as Role, 'viewer'])).toEqual(permissionsOf(['viewer']));
    expect(permissionsOf([])).toEqual([]);
  });
});

describe('roles', () => {
  it('are named for people the way the dashboard shows them', () => {
    expect(ROLE_LABELS).toEqual({
      admin: 'Administrator',
      marketer: 'Marketing',
      reviewer: 'Compliance reviewer',
      manager: 'Practice manager',
      viewer: 'Viewer',
    });
  });

  it('that can approve or administer are the privileged ones (shorter idle timeout)', () => {
    expect([...PRIVILEGED_ROLES].sort()).toEqual(['admin', 'reviewer']);
  });
});
