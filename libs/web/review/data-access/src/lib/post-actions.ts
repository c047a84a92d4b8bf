import {
  actionsAllowedBy,
  type Finding,
  type Permission,
  type PostAction,
  type PostReviewState,
  type PostState,
} from '@carecast/shared/contracts';

/** The states in which a blocking finding may still be overridden (before approval). */
export const OVERRIDABLE_STATES: readonly PostState[] = ['draft', 'in_review', 'changes_requested'];

/** Who is looking at the post, as far as the dashboard knows. */
export interface PostViewer {
  userId: string | null;
  permissions: ReadonlySet<Permission> | readonly Permission[];
}

/** What the page offers the person looking at a post. */
export interface OfferedActions {
  /** Moves of the workflow, in the table's order (never `expire`, a move only the system makes). */
  moves: PostAction[];
  /** Override a blocking finding (a reviewer who did not write it, before approval). */
  override: boolean;
  /** Ask someone without a seat to approve (whoever may approve it now). */
  askOutside: boolean;
  /** Write a comment (anyone who may read the review). */
  comment: boolean;
}

export const NO_ACTIONS: OfferedActions = { moves: [], override: false, askOutside: false, comment: false };

/**
 * The actions to show, by the workflow table for this person and state, and only those the api
 * also says are open to them now (it knows more: approvals in, the fast path's conditions). The
 * table is applied here too, so an author never sees Approve on their own post whatever happens.
 */
export function offeredActions(
  state: PostState,
  authorId: string | null,
  viewer: PostViewer,
  review: Pick<PostReviewState, 'allowedActions' | 'fastTrack'> | null,
): OfferedActions {
  const permissions = [...viewer.permissions];
  const isAuthor = !!viewer.userId && authorId === viewer.userId;
  const byTable = actionsAllowedBy(state, { permissions, isAuthor });
  const moves = byTable.filter(
    (action) =>
      action !== 'expire' &&
      (review === null || review.allowedActions.includes(action)) &&
      (action !== 'fast_track' || review?.fastTrack.available === true),
  );
  const decides = permissions.includes('review.decide') && !isAuthor;
  return {
    moves,
    override: decides && OVERRIDABLE_STATES.includes(state),
    askOutside: moves.includes('approve'),
    comment: permissions.includes('review.read'),
  };
}

/** Whether a finding is in force (no override lets it pass) by the review state's list. */
export function isBlocking(
  finding: Finding,
  review: Pick<PostReviewState, 'blockingFindings'> | null,
): boolean {
  if (finding.severity !== 'block') return false;
  if (!review) return true;
  return review.blockingFindings.some((b) => sameFinding(b, finding));
}

export function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.field === b.field &&
    (a.excerpt ?? null) === (b.excerpt ?? null) &&
    (a.span?.start ?? -1) === (b.span?.start ?? -1)
  );
}
