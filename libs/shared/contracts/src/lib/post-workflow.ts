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
  { action: 'approve', from: ['in_review'], to: 'approved', permission: 'review.decide', notByAuthor: true },
  {
    action: 'request_changes',
    from: ['in_review'],
    to: 'changes_requested',
    permission: 'review.decide',
    notByAuthor: true,
  },
  // Emergency health alerts: a manager and a reviewer, neither the author, approve at once.
  {
    action: 'fast_track',
    from: ['draft', 'in_review'],
    to: 'approved',
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
