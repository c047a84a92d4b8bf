import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel, auditActionsMatching } from './audit';

describe('audit action labels', () => {
  it('gives every action plain words, each label once', () => {
    for (const code of AUDIT_ACTIONS) {
      const label = AUDIT_ACTION_LABELS[code];
      expect(label).toMatch(/^[A-Z][a-z]/);
      expect(label).not.toMatch(/[._]/);
    }
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
  });

  it('says "Signed in" for auth.signed_in, and the code itself for an unknown one', () => {
    expect(auditActionLabel('auth.signed_in')).toBe('Signed in');
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
  });
});

describe('auditActionsMatching', () => {
  it('finds actions by the beginnings of the words of their labels, in any case', () => {
    expect(auditActionsMatching('sign in')).toEqual(
      expect.arrayContaining(['auth.signed_in', 'auth.sign_in_failed', 'auth.sign_in_locked']),
    );
    expect(auditActionsMatching('sign in')).not.toContain('auth.signed_out');
    expect(auditActionsMatching('SIGNED IN')).toEqual(['auth.signed_in']);
    expect(auditActionsMatching('password reset')).toEqual([
      'auth.password_reset_requested',
      'auth.password_reset',
    ]);
    expect(auditActionsMatching('roles')).toEqual(['member.roles_changed']);
  });

  it('finds them by the words of their codes too', () => {
    expect(auditActionsMatching('blog_comment')).toEqual(['blog_comment.approved', 'blog_comment.rejected']);
    expect(auditActionsMatching('auth').every((code) => code.startsWith('auth.'))).toBe(true);
  });

  it('finds nothing for no words or unknown words', () => {
    expect(auditActionsMatching('')).toEqual([]);
    expect(auditActionsMatching(' .,- ')).toEqual([]);
    expect(auditActionsMatching('publish')).toEqual([]);
  });
});
