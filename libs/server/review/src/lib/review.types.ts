import type { AuditContext } from '@carecast/server/audit';
import type {
  ApprovalDecision,
  ApprovalPath,
  ComplianceRule,
  Finding,
  FindingOverride,
  Permission,
  PersonRef,
  PostChannelRef,
  Role,
} from '@carecast/shared/contracts';

/** A signed-in member acting on a post: who, where, with which roles, from where. */
export interface ReviewActor extends AuditContext {
  organisationId: string;
  actorUserId: string;
  name: string;
  email: string;
  roles: readonly Role[];
  permissions: readonly Permission[];
}

/**
 * A post's content now, as decisions are judged against it: its hash, and the first revision
 * since which it has had that content (an edit voids what was decided before it, even when a
 * later edit brings the same words back).
 */
export interface CurrentContent {
  contentHash: string;
  since: number;
}

/** A decision as stored (compliance rule A2). */
export interface StoredApproval {
  id: string;
  organisationId: string;
  postId: string;
  revision: number;
  contentHash: string;
  channels: PostChannelRef[];
  author: PersonRef | null;
  approverUserId: string | null;
  approverName: string;
  approverEmail: string;
  approverRoles: Role[];
  outsideLinkId: string | null;
  path: ApprovalPath;
  decision: ApprovalDecision;
  comment: string | null;
  findings: Finding[];
  overrides: FindingOverride[];
  decidedAt: Date;
}

export type NewApproval = Omit<StoredApproval, 'id'>;

export interface StoredOverride {
  id: string;
  postId: string;
  rule: ComplianceRule;
  field: string;
  excerpt: string | null;
  reason: string;
  reviewer: PersonRef;
  revision: number;
  createdAt: Date;
}

export interface StoredComment {
  id: string;
  postId: string;
  revision: number;
  author: PersonRef;
  text: string;
  mentions: PersonRef[];
  createdAt: Date;
}

export interface StoredOutsideLink {
  id: string;
  organisationId: string;
  postId: string;
  tokenHash: string;
  name: string;
  email: string;
  message: string | null;
  revision: number;
  contentHash: string;
  requestedBy: PersonRef;
  /** The name of the organisation, shown to the outside approver. */
  organisationName: string;
  /** The organisation's IANA time zone: the page shows times in it. */
  organisationTimeZone: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** The decision made with it, once used. */
  decision: ApprovalDecision | null;
}
