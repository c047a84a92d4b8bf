/**
 * Every action the audit trail records, with how people read it. The api writes only these
 * codes (its record method takes an `AuditAction`), the dashboard shows the words, searching
 * matches the words, and the CSV export keeps the codes.
 */
export const AUDIT_ACTION_LABELS = {
  'auth.signed_in': 'Signed in',
  'auth.password_accepted': 'Password accepted, second step pending',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_in_locked': 'Sign-in locked after repeated failures',
  'auth.mfa_failed': 'Two-step sign-in code refused',
  'auth.mfa_enabled': 'Two-step sign-in turned on',
  'auth.mfa_disabled': 'Two-step sign-in turned off',
  'auth.recovery_code_used': 'Recovery code used',
  'auth.signed_out': 'Signed out',
  'auth.signed_out_everywhere': 'Signed out everywhere',
  'auth.session_expired': 'Session ended',
  'auth.session_revoked': 'Session signed out',
  'auth.organisation_switched': 'Switched organisation',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'member.added': 'Member added',
  'member.invited': 'Member invited',
  'member.joined': 'Invitation accepted',
  'member.roles_changed': 'Roles changed',
  'member.deactivated': 'Member deactivated',
  'member.reactivated': 'Member reactivated',
  'member.signed_out_everywhere': 'Member signed out everywhere',
  'organisation.security_changed': 'Organisation security changed',
  'channel.connected': 'Channel connected',
  'channel.enabled': 'Channel turned on',
  'channel.disabled': 'Channel turned off',
  'channel.removed': 'Channel removed',
  'channel.needs_reconnect': 'Channel needs reconnecting',
  'blog_comment.approved': 'Blog comment approved',
  'blog_comment.rejected': 'Blog comment rejected',
  'post.created': 'Post created',
  'post.updated': 'Post edited',
  'post.returned_to_draft': 'Post returned to draft by an edit',
  'post.deleted': 'Draft deleted',
  'post.channel_removed': 'Channel taken off a post (the channel was removed)',
  'media.uploaded': 'Image uploaded',
  'content_settings.changed': 'Content settings changed',
  'post.submitted': 'Post submitted for review',
  'post.approved': 'Post approved',
  'post.changes_requested': 'Changes requested on a post',
  'post.cancelled': 'Post cancelled',
  'post.expired': 'Post expired: its scheduled time passed',
  'post.finding_overridden': 'Compliance finding overridden',
  'post.fast_tracked': 'Emergency alert fast-tracked',
  'post.commented': 'Comment on a post',
  'outside_review.requested': 'Outside approval requested',
  'outside_review.decided': 'Outside approver decided',
  'audit.exported': 'Audit trail exported',
  'audit.verified': 'Audit trail verified',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The plain words for an action code; the code itself when it has none (older entries). */
export function auditActionLabel(code: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[code] ?? code;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * The actions a search finds: each word typed must begin a word of the action's label or code,
 * so "sign in" finds "Signed in" and "Sign-in failed", and "auth" finds every `auth.` code.
 */
export function auditActionsMatching(search: string): AuditAction[] {
  const wanted = words(search);
  if (!wanted.length) return [];
  return AUDIT_ACTIONS.filter((code) => {
    const have = [...words(AUDIT_ACTION_LABELS[code]), ...words(code)];
    return wanted.every((w) => have.some((h) => h.startsWith(w)));
  });
}

export interface AuditEntry {
  id: string;
  /** Position in the organisation's chain, from 1. */
  seq: number;
  at: string;
  /** The action's code (e.g. `auth.signed_in`); `auditActionLabel` gives its plain words. */
  action: string;
  actorUserId: string | null;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  /** Changed fields only: `{ field: { from, to } }`. */
  diff: Record<string, { from: unknown; to: unknown }> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditVerification {
  intact: boolean;
  /**
   * Whether a signed checkpoint (kept outside the database) vouches for the chain. False when the
   * organisation has entries but no checkpoint yet, or its checkpoints are gone: the chain is
   * consistent in itself, but entries cut from its end would not show. True for an empty chain.
   */
  anchored: boolean;
  checked: number;
  /**
   * The first entry that does not fit: its hash does not match its content, its link does not
   * match its predecessor, or it differs from a signed checkpoint. When entries after the last
   * one are missing (the chain is shorter than a signed checkpoint), `seq` is the first missing
   * one and `id` and `at` are null.
   */
  firstBroken: { id: string | null; seq: number; at: string | null; reason: string } | null;
  /** The latest signed checkpoint of the chain's head it was compared with; null if none yet. */
  checkpoint: { seq: number; hash: string; at: string } | null;
  verifiedAt: string;
}
