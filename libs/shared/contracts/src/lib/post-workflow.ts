import type { Permission } from './permissions';
import type { PostState } from './content';

/**
 * The review workflow as data: every move a person (or the system) can make on a post, from
 * which states, to which state, and the permission it takes. The api enforces exactly this
 * table and the dashboard shows only the actions it allows. Publishing (the states after
 * `scheduled`) is driven by the publishing engine, not by people.
 */
export const POST_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'request_changes',
  'fast_track',
  'cancel',
  'expire',
] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

export interface PostTransition {
  action: PostAction;
  from: readonly PostState[];
  /**
   * Where the post goes. `approve` names the state once enough approvals are in (`approved`,
   * or `scheduled` when the post has a time); until then the post stays `in_review`.
   */
  to: PostState;
  /**
   * Where the move goes instead of `to` when the post has a scheduled time still to come
   * (`approve` and `fast_track` of a post with a time: `scheduled`).
   */
  toWhenScheduled?: PostState;
  /** Null for moves only the system makes. */
  permission: Permission | null;
  /** The author of the post may not make this move on their own post. */
  notByAuthor: boolean;
}

const EDITABLE: readonly PostState[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'expired',
];

export const POST_TRANSITIONS: readonly PostTransition[] = [
  // Any edit returns the post to draft and voids its approvals (they are tied to the content hash).
  { action: 'edit', from: EDITABLE, to: 'draft', permission: 'content.write', notByAuthor: false },
  {
    action: 'submit',
    from: ['draft', 'changes_requested'],
    to: 'in_review',
    permission: 'content.write',
    notByAuthor: false,
  },
  {
    action: 'approve',
    from: ['in_review'],
    to: 'approved',
    toWhenScheduled: 'scheduled',
    permission: 'review.decide',
    notByAuthor: true,
  },
  {
    action: 'request_changes',
    from: ['in_review'],
    to: 'changes_requested',
    permission: 'review.decide',
    notByAuthor: true,
  },
  // Emergency health alerts: a manager and a reviewer, neither the author, approve at once. The
  // first of the two puts a draft in review (so an edit meanwhile voids their approval like any
  // other); the second moves it on.
  {
    action: 'fast_track',
    from: ['draft', 'in_review'],
    to: 'approved',
    toWhenScheduled: 'scheduled',
    permission: 'review.decide',
    notByAuthor: true,
  },
  {
    action: 'cancel',
    from: ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'expired'],
    to: 'cancelled',
    permission: 'content.write',
    notByAuthor: false,
  },
  // An approval that arrives after the scheduled time: the post does not go out late.
  { action: 'expire', from: ['in_review', 'approved'], to: 'expired', permission: null, notByAuthor: false },
];

/** The transition for an action from a state, or null when the workflow does not allow it. */
export function transitionOf(action: PostAction, from: PostState): PostTransition | null {
  return POST_TRANSITIONS.find((t) => t.action === action && t.from.includes(from)) ?? null;
}

/** Who is looking at a post: what they may do, and whether they wrote it. */
export interface WorkflowActor {
  permissions: readonly Permission[];
  isAuthor: boolean;
}

/**
 * Why the table refuses this person this move on a post in this state: `state` (not from
 * here), `system` (only Carecast makes it), `permission`, `author` (not on one's own post); null
 * when the table allows it. Other rules (enough approvals, the fast path's conditions) come after.
 */
export function refusalOf(
  action: PostAction,
  state: PostState,
  actor: WorkflowActor,
): 'state' | 'system' | 'permission' | 'author' | null {
  const transition = transitionOf(action, state);
  if (!transition) return 'state';
  if (transition.permission === null) return 'system';
  if (!actor.permissions.includes(transition.permission)) return 'permission';
  if (transition.notByAuthor && actor.isAuthor) return 'author';
  return null;
}

/** The moves this person may make on a post in this state, by the table alone, in table order. */
export function actionsAllowedBy(state: PostState, actor: WorkflowActor): PostAction[] {
  return POST_ACTIONS.filter((action) => refusalOf(action, state, actor) === null);
}
