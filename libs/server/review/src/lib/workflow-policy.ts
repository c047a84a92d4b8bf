import { ConflictError, ForbiddenError } from '@carecast/server/core';
import {
  POST_STATE_LABELS,
  refusalOf,
  transitionOf,
  type Permission,
  type PostAction,
  type PostState,
  type PostTransition,
} from '@carecast/shared/contracts';

/** What the workflow needs to know of a post. */
export interface WorkflowPost {
  state: PostState;
  authorId: string | null;
  scheduledAt: Date | null;
  /**
   * Everyone who wrote what would be published besides the author (editors who changed it): the
   * workflow treats them as its authors (contentWriterIds).
   */
  writerIds?: readonly string[];
}

/** What the workflow needs to know of whoever asks. */
export interface WorkflowActor {
  userId: string | null;
  permissions: readonly Permission[];
}

const WHAT: Record<PostAction, string> = {
  edit: 'edited',
  submit: 'submitted for review',
  approve: 'approved',
  request_changes: 'sent back for changes',
  fast_track: 'approved on the emergency fast path',
  cancel: 'cancelled',
  expire: 'expired',
};

const NOT_YOUR_OWN: Partial<Record<PostAction, string>> = {
  approve: 'You wrote this post, so someone else must approve it.',
  request_changes: 'You wrote this post, so someone else must review it.',
  fast_track: 'You wrote this alert, so two other people must approve it on the fast path.',
};

/** Whether the person wrote the post's content: its author, or an editor who changed it. */
export function isWriter(post: WorkflowPost, actor: { userId: string | null }): boolean {
  return (
    actor.userId !== null && (actor.userId === post.authorId || (post.writerIds ?? []).includes(actor.userId))
  );
}

/** Why the workflow refuses this move now, in the words of the person asking; null if it allows it. */
export function refusalReason(action: PostAction, post: WorkflowPost, actor: WorkflowActor): string | null {
  const isAuthor = isWriter(post, actor);
  switch (refusalOf(action, post.state, { permissions: actor.permissions, isAuthor })) {
    case null:
      return null;
    case 'state':
      return `A post that is ${POST_STATE_LABELS[post.state].toLowerCase()} cannot be ${WHAT[action]}.`;
    case 'system':
      return `Only Carecast marks a post ${WHAT[action]}.`;
    case 'permission':
      return `Your role does not allow this: it needs the ${transitionOf(action, post.state)?.permission} permission.`;
    case 'author':
      return NOT_YOUR_OWN[action] ?? `You wrote this post, so someone else must do this.`;
  }
}

/**
 * The transition of this move, or the refusal as the api answers it: 403 for a missing
 * permission or the author's own post, 409 for a post in a state the move is not made from.
 */
export function requireTransition(
  action: PostAction,
  post: WorkflowPost,
  actor: WorkflowActor,
): PostTransition {
  const isAuthor = isWriter(post, actor);
  const refusal = refusalOf(action, post.state, { permissions: actor.permissions, isAuthor });
  const reason = refusalReason(action, post, actor);
  if (refusal === 'state') throw new ConflictError(reason ?? '');
  if (refusal !== null) throw new ForbiddenError(reason ?? '');
  return transitionOf(action, post.state) as PostTransition;
}

/**
 * Where an approval (or the fast path) takes a post: `approved`, `scheduled` when its time is
 * still to come, or `expired` when its time has passed (it never goes out late: rule A4).
 */
export function approvedDestination(
  transition: PostTransition,
  post: WorkflowPost,
  now: Date,
): { state: PostState; expired: boolean } {
  if (post.scheduledAt === null) return { state: transition.to, expired: false };
  if (post.scheduledAt.getTime() <= now.getTime()) return { state: 'expired', expired: true };
  return { state: transition.toWhenScheduled ?? transition.to, expired: false };
}
