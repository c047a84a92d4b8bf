import type { ComplianceRule, Finding } from './compliance';
import type { AlertUrgency, PostKind, PostState } from './content';
import type { PostAction } from './post-workflow';
import type { PersonRef, PostChannelRef, PostImage, PostVariant, SpanishVariant } from './posts';
import type { Role } from './permissions';

/**
 * The review of posts as the api takes and gives it: decisions tied to the content hash,
 * comments with mentions, overrides of blocking findings, outside approvers, the emergency fast
 * path. Routes live under `/api/posts/:id/...` (signed in) and `/api/outside-reviews/:token`
 * (the emailed link of an outside approver, no session). Times are ISO 8601 instants in UTC.
 */

export const APPROVAL_DECISIONS = ['approved', 'changes_requested'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

export const APPROVAL_DECISION_LABELS: Record<ApprovalDecision, string> = {
  approved: 'Approved',
  changes_requested: 'Changes requested',
};

/** How a decision was made: by a member, by an outside approver's link, or on the fast path. */
export const APPROVAL_PATHS = ['standard', 'outside', 'fast_track'] as const;
export type ApprovalPath = (typeof APPROVAL_PATHS)[number];

/** Who decided: a member of the organisation, or an outside approver (someone without a seat). */
export type Approver =
  | { kind: 'member'; id: string; name: string; email: string }
  | { kind: 'outside'; name: string; email: string };

/** The longest comment, override reason and outside approver's note (characters). */
export const REVIEW_LIMITS = {
  comment: 5_000,
  reason: 2_000,
  mentions: 20,
  name: 120,
  email: 254,
} as const;

/** The words of the dashboard's buttons for each move of the workflow. */
export const POST_ACTION_LABELS: Record<PostAction, string> = {
  edit: 'Edit',
  submit: 'Submit for review',
  approve: 'Approve',
  request_changes: 'Request changes',
  fast_track: 'Approve on the emergency fast path',
  cancel: 'Cancel post',
  expire: 'Expire',
};

/** How long an outside approver's link works. */
export const OUTSIDE_REVIEW_HOURS = 72;

/**
 * The page of the dashboard the outside approver's email links to, with the token as its last
 * segment: `/outside-review/<token>`. The page reads `GET /api/outside-reviews/<token>` and posts
 * `POST /api/outside-reviews/<token>/decision`.
 */
export const OUTSIDE_REVIEW_PAGE = '/outside-review';

// ---------------------------------------------------------------------------------------------
// Requests

/** `POST /api/posts/:id/approve`. */
export interface ApproveRequest {
  /** Optional note kept with the approval. */
  comment?: string | null;
}

/** `POST /api/posts/:id/request-changes`: what to change (required). */
export interface RequestChangesRequest {
  comment: string;
}

/** `POST /api/posts/:id/cancel`. */
export interface CancelPostRequest {
  reason?: string | null;
}

/** `POST /api/posts/:id/fast-track`: one of the two approvals of the emergency fast path. */
export interface FastTrackRequest {
  comment?: string | null;
}

/**
 * `POST /api/posts/:id/overrides`: let a blocking finding pass, with the reason. It is tied to
 * the rule, the field and the words found: an edit that changes those words ends it.
 */
export interface OverrideFindingRequest {
  rule: ComplianceRule;
  field: string;
  /** The finding's `excerpt` (null for findings about a whole text or a missing part). */
  excerpt: string | null;
  reason: string;
}

/**
 * `POST /api/posts/:id/comments`. Mention people by listing their user ids (members of this
 * organisation who can read posts); the text usually names them too ("@Marcus Lee").
 */
export interface CreateCommentRequest {
  text: string;
  mentionedUserIds?: string[];
}

/** `POST /api/posts/:id/outside-reviews`: ask someone without a seat to approve, by email. */
export interface RequestOutsideReviewRequest {
  name: string;
  email: string;
  /** A note for them, shown in the email and on the page. */
  message?: string | null;
}

/** `POST /api/outside-reviews/:token/decision`: the outside approver's answer. */
export interface OutsideDecisionRequest {
  decision: ApprovalDecision;
  /** Required when asking for changes. */
  comment?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Responses

/**
 * The answer to a move (submit, approve, request changes, cancel, fast path): where the post
 * was and is now, and its approvals of the current content against those it needs.
 */
export interface ReviewOutcome {
  postId: string;
  from: PostState;
  state: PostState;
  approvals: number;
  requiredApprovals: number;
}

/** A blocking finding let pass by a reviewer, with the reason. */
export interface FindingOverride {
  id: string;
  rule: ComplianceRule;
  field: string;
  excerpt: string | null;
  reason: string;
  reviewer: PersonRef;
  /** The post's revision when it was made. */
  revision: number;
  createdAt: string;
  /** Whether a current finding still matches it (an edit that changed the words ends it). */
  inForce: boolean;
}

/**
 * One decision on one version of a post (compliance rule A2): the content hash, the channels,
 * author, approver, time, meaning, the reason, the findings at that moment and the overrides in
 * force. It counts towards approval only while the post's content hash is still `contentHash`.
 */
export interface ApprovalRecord {
  id: string;
  postId: string;
  revision: number;
  contentHash: string;
  channels: PostChannelRef[];
  author: PersonRef | null;
  approver: Approver;
  decision: ApprovalDecision;
  path: ApprovalPath;
  /** The roles the approver held when deciding (members only). */
  approverRoles: Role[];
  comment: string | null;
  findings: Finding[];
  overrides: FindingOverride[];
  decidedAt: string;
  /** An approval of the post's current content (it counts); false once the post was edited. */
  current: boolean;
}

export interface ReviewComment {
  id: string;
  postId: string;
  /** The post's revision when it was written. */
  revision: number;
  author: PersonRef;
  text: string;
  mentions: PersonRef[];
  createdAt: string;
}

/**
 * `GET /api/posts/:id/mentionable`: someone a comment on the post may @mention, an active member
 * of the organisation who can read posts. Their name and roles only (no address): anyone who may
 * comment reads this list.
 */
export interface MentionablePerson {
  id: string;
  name: string;
  roles: Role[];
}

export const OUTSIDE_REVIEW_STATUSES = ['pending', 'decided', 'expired', 'outdated', 'withdrawn'] as const;
/**
 * `pending` (the link works), `decided` (used), `expired` (72 h passed), `outdated` (the post
 * changed since), `withdrawn` (the post left review: cancelled, approved by others...).
 */
export type OutsideReviewStatus = (typeof OUTSIDE_REVIEW_STATUSES)[number];

/** An outside approver's link, as the reviewers see it (never the token). */
export interface OutsideReviewSummary {
  id: string;
  postId: string;
  name: string;
  email: string;
  message: string | null;
  revision: number;
  contentHash: string;
  requestedBy: PersonRef;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  decision: ApprovalDecision | null;
  status: OutsideReviewStatus;
}

/** `GET /api/outside-reviews/:token`: the post as the outside approver sees it. */
export interface OutsideReviewPage {
  organisationName: string;
  /** The organisation's IANA time zone (e.g. `America/New_York`): the page shows times in it. */
  organisationTimeZone: string;
  /** Who the link was sent to. */
  approverName: string;
  requestedBy: string;
  message: string | null;
  expiresAt: string;
  post: {
    kind: PostKind;
    urgency: AlertUrgency | null;
    validFrom: string | null;
    validUntil: string | null;
    allClearText: string | null;
    text: string;
    link: string | null;
    variants: PostVariant[];
    /** `url` is token-scoped: `/api/outside-reviews/<token>/media/<mediaId>`. */
    images: PostImage[];
    spanish: SpanishVariant | null;
    scheduledAt: string | null;
    revision: number;
    findings: Finding[];
  };
}

/** `POST /api/outside-reviews/:token/decision`. */
export interface OutsideDecisionResult {
  decision: ApprovalDecision;
  /** Plain words for the page, e.g. "Thank you. Your approval was recorded." */
  message: string;
}

/** The emergency fast path of a post, as far as it has gone. */
export interface FastTrackStatus {
  /** The organisation allows it and the post is an emergency health alert. */
  available: boolean;
  /** The first of the two approvals of the current content, if there is one. */
  firstApproval: { approver: PersonRef; roles: Role[]; decidedAt: string } | null;
}

/**
 * `GET /api/posts/:id/review`: where the post stands in review, for the person asking: what
 * they may do now (by the workflow table and the rules behind it), what still blocks it, and
 * what changed since they last decided on it.
 */
export interface PostReviewState {
  postId: string;
  state: PostState;
  revision: number;
  contentHash: string;
  author: PersonRef | null;
  /** Approvals this kind of post needs in this organisation. */
  requiredApprovals: number;
  /** Approvals of the current content (each person once; an outside approver counts as one). */
  approvals: ApprovalRecord[];
  /** What the signed-in person may do now, in the order of the workflow table. */
  allowedActions: PostAction[];
  /** Why each other action (of the table, not only the system's) is not open to them now. */
  refusedActions: Array<{ action: PostAction; reason: string }>;
  findings: Finding[];
  /** Blocking findings no override lets pass: submitting and approving wait for these. */
  blockingFindings: Finding[];
  overrides: FindingOverride[];
  fastTrack: FastTrackStatus;
  /** The signed-in person's last decision on this post, if any. */
  myLastDecision: {
    revision: number;
    contentHash: string;
    decision: ApprovalDecision;
    decidedAt: string;
  } | null;
  /** What changed since that decision (empty when nothing did, or there was none). */
  changesSinceMyLastDecision: PostChange[];
}

/** One part of a post that differs between two revisions, with its text before and after. */
export interface PostChange {
  /** As findings name fields: `text`, `link`, `variants.<channelId>.text`, `images.0.altText`... */
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** `GET /api/posts/:id/changes?from=&to=`: what differs between two revisions. */
export interface PostChanges {
  fromRevision: number;
  toRevision: number;
  changes: PostChange[];
}

export const POST_HISTORY_KINDS = ['version', 'decision', 'comment', 'override', 'event'] as const;
export type PostHistoryKind = (typeof POST_HISTORY_KINDS)[number];

/** One thing that happened to a post, for its history (oldest first). */
export interface PostHistoryEntry {
  kind: PostHistoryKind;
  at: string;
  /** Who did it: a member's name, an outside approver's name, or "Carecast". */
  actor: string;
  /** Plain words, e.g. "Approved", "Saved revision 3", "Submitted for review". */
  summary: string;
  revision: number | null;
  /** The audit action code, for `event` entries. */
  action: string | null;
  /** The comment, reason or note, if any. */
  detail: string | null;
}

/** `GET /api/review-queue`: posts waiting for review, oldest first. */
export interface ReviewQueueItem {
  id: string;
  kind: PostKind;
  urgency: AlertUrgency | null;
  text: string;
  channels: PostChannelRef[];
  author: PersonRef | null;
  submittedAt: string | null;
  scheduledAt: string | null;
  revision: number;
  requiredApprovals: number;
  approvalCount: number;
  /** The signed-in person already approved the current content. */
  approvedByMe: boolean;
  /** The signed-in person decided on an earlier revision, which has changed since. */
  changedSinceMyLastDecision: boolean;
  /**
   * What changed since that decision, by the labels `PostChange` gives ("Text", "Link",
   * "Facebook: text"...), each once, in the post's order; empty when nothing did.
   */
  changedParts: string[];
  /**
   * Blocking findings no override lets pass, by the content checks. Whether links still open is
   * asked of the sites only when the post is opened (`GET /api/posts/:id/review` is the authority).
   */
  blockingFindings: number;
  /** The signed-in person wrote it (and so cannot decide on it). */
  mine: boolean;
}
