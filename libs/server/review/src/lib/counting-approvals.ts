import type { ApprovalPath } from '@carecast/shared/contracts';
import type { StoredApproval } from './review.types';

/**
 * The approvals that count for this content on these paths: each person once (by address, so
 * a member and an outside approver with the same address are one person), by their latest
 * decision on this content: an approval they followed with a request for changes does not count.
 * `decisions` in the order they were made; the answer in the order of the approvals.
 */
export function countingApprovals(
  decisions: readonly StoredApproval[],
  contentHash: string,
  paths: readonly ApprovalPath[],
): StoredApproval[] {
  const latest = new Map<string, StoredApproval>();
  for (const d of decisions) {
    if (d.contentHash !== contentHash || !paths.includes(d.path)) continue;
    latest.set(d.approverEmail.trim().toLowerCase(), d);
  }
  return decisions.filter((d) => d.decision === 'approved' && [...latest.values()].includes(d));
}

/** Decisions that count towards the ordinary approval: members' and outside approvers'. */
export const STANDARD_PATHS: readonly ApprovalPath[] = ['standard', 'outside'];
