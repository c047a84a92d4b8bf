import type { ApprovalPath } from '@carecast/shared/contracts';
import type { CurrentContent, StoredApproval } from './review.types';

/**
 * Whether a decision (or an outside approver's link) was made on the post's current content: the
 * same hash, and no edit since (an edit voids it even if a later one brings the words back).
 */
export function ofCurrentContent(
  made: { contentHash: string; revision: number },
  current: CurrentContent,
): boolean {
  return made.contentHash === current.contentHash && made.revision >= current.since;
}

/**
 * The approvals that count for the current content on these paths: each person once (by address, so
 * a member and an outside approver with the same address are one person), by their latest
 * decision on this content: an approval they followed with a request for changes does not count.
 * `decisions` in the order they were made; the answer in the order of the approvals.
 */
export function countingApprovals(
  decisions: readonly StoredApproval[],
  current: CurrentContent,
  paths: readonly ApprovalPath[],
): StoredApproval[] {
  const latest = new Map<string, StoredApproval>();
  for (const d of decisions) {
    if (!ofCurrentContent(d, current) || !paths.includes(d.path)) continue;
    latest.set(d.approverEmail.trim().toLowerCase(), d);
  }
  return decisions.filter((d) => d.decision === 'approved' && [...latest.values()].includes(d));
}

/** Decisions that count towards the ordinary approval: members' and outside approvers'. */
export const STANDARD_PATHS: readonly ApprovalPath[] = ['standard', 'outside'];
