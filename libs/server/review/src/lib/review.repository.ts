import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type {
  ApprovalDecision,
  ApprovalPath,
  ComplianceRule,
  Finding,
  FindingOverride,
  PersonRef,
  PostChannelRef,
  PostState,
  Role,
} from '@carecast/shared/contracts';
import type {
  CurrentContent,
  NewApproval,
  StoredApproval,
  StoredComment,
  StoredOutsideLink,
  StoredOverride,
} from './review.types';

interface ApprovalRow {
  id: string;
  organisation_id: string;
  post_id: string;
  revision: number;
  content_hash: string;
  channels: PostChannelRef[];
  author_id: string | null;
  author_name: string | null;
  approver_user_id: string | null;
  approver_name: string;
  approver_email: string;
  approver_roles: Role[];
  outside_link_id: string | null;
  path: ApprovalPath;
  decision: ApprovalDecision;
  comment: string | null;
  findings: Finding[];
  overrides: FindingOverride[];
  decided_at: Date;
}

interface OverrideRow {
  id: string;
  post_id: string;
  rule: ComplianceRule;
  field: string;
  excerpt: string | null;
  reason: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  revision: number;
  created_at: Date;
}

interface CommentRow {
  id: string;
  post_id: string;
  revision: number;
  author_id: string | null;
  author_name: string;
  text: string;
  mentions: PersonRef[] | null;
  created_at: Date;
}

interface LinkRow {
  id: string;
  organisation_id: string;
  post_id: string;
  token_hash: string;
  name: string;
  email: string;
  message: string | null;
  revision: number;
  content_hash: string;
  requested_by: string | null;
  requested_by_name: string | null;
  organisation_name: string;
  organisation_time_zone: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  decision: ApprovalDecision | null;
}

const FORMER = 'Former member';

const approvalOf = (r: ApprovalRow): StoredApproval => ({
  id: r.id,
  organisationId: r.organisation_id,
  postId: r.post_id,
  revision: r.revision,
  contentHash: r.content_hash,
  channels: r.channels,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? FORMER } : null,
  approverUserId: r.approver_user_id,
  approverName: r.approver_name,
  approverEmail: r.approver_email,
  approverRoles: r.approver_roles,
  outsideLinkId: r.outside_link_id,
  path: r.path,
  decision: r.decision,
  comment: r.comment,
  findings: r.findings,
  overrides: r.overrides,
  decidedAt: r.decided_at,
});

const overrideOf = (r: OverrideRow): StoredOverride => ({
  id: r.id,
  postId: r.post_id,
  rule: r.rule,
  field: r.field,
  excerpt: r.excerpt,
  reason: r.reason,
  reviewer: { id: r.reviewer_id ?? '', name: r.reviewer_name ?? FORMER },
  revision: r.revision,
  createdAt: r.created_at,
});

const commentOf = (r: CommentRow): StoredComment => ({
  id: r.id,
  postId: r.post_id,
  revision: r.revision,
  author: { id: r.author_id ?? '', name: r.author_name },
  text: r.text,
  mentions: r.mentions ?? [],
  createdAt: r.created_at,
});

const linkOf = (r: LinkRow): StoredOutsideLink => ({
  id: r.id,
  organisationId: r.organisation_id,
  postId: r.post_id,
  tokenHash: r.token_hash,
  name: r.name,
  email: r.email,
  message: r.message,
  revision: r.revision,
  contentHash: r.content_hash,
  requestedBy: { id: r.requested_by ?? '', name: r.requested_by_name ?? FORMER },
  organisationName: r.organisation_name,
  organisationTimeZone: r.organisation_time_zone,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  decision: r.decision,
});

const SELECT_OVERRIDE = `
  SELECT o.*, u.display_name AS reviewer_name
    FROM finding_override o LEFT JOIN app_user u ON u.id = o.reviewer_id`;

const SELECT_COMMENT = `
  SELECT c.*,
         (SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name)
                          ORDER BY array_position(c.mentioned_user_ids, u.id))
            FROM app_user u WHERE u.id = ANY (c.mentioned_user_ids)) AS mentions
    FROM review_comment c`;

const SELECT_LINK = `
  SELECT l.*, u.display_name AS requested_by_name, o.name AS organisation_name,
         o.time_zone AS organisation_time_zone,
         (SELECT a.decision FROM approval a WHERE a.outside_link_id = l.id) AS decision
    FROM outside_review_link l
    JOIN organisation o ON o.id = l.organisation_id
    LEFT JOIN app_user u ON u.id = l.requested_by`;

/**
 * Decisions, overrides, comments and outside approvers' links of posts. Every query that takes
 * an organisation is scoped by it; the few that do not (an outside approver's token, the
 * expiry sweep) say so.
 */
@Injectable()
export class ReviewRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  // Decisions -----------------------------------------------------------------------------------

  async insertApproval(tx: Tx, a: NewApproval): Promise<StoredApproval> {
    const [row] = await this.q<ApprovalRow>(
      tx,
      `INSERT INTO approval (organisation_id, post_id, revision, content_hash, channels, author_id, author_name,
         approver_user_id, approver_name, approver_email, approver_roles, outside_link_id, path, decision, comment,
         findings, overrides, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING *`,
      [
        a.organisationId,
        a.postId,
        a.revision,
        a.contentHash,
        JSON.stringify(a.channels),
        a.author?.id ?? null,
        a.author?.name ?? null,
        a.approverUserId,
        a.approverName,
        a.approverEmail,
        a.approverRoles,
        a.outsideLinkId,
        a.path,
        a.decision,
        a.comment,
        JSON.stringify(a.findings),
        JSON.stringify(a.overrides),
        a.decidedAt,
      ],
    );
    return approvalOf(row);
  }

  /** Every decision on the post, oldest first. */
  async approvals(organisationId: string, postId: string, tx?: Tx): Promise<StoredApproval[]> {
    const rows = await this.q<ApprovalRow>(
      tx,
      `SELECT * FROM approval WHERE organisation_id = $1 AND post_id = $2 ORDER BY decided_at, seq`,
      [organisationId, postId],
    );
    return rows.map(approvalOf);
  }

  /** Every decision on these posts, oldest first. */
  async approvalsOfPosts(organisationId: string, postIds: readonly string[]): Promise<StoredApproval[]> {
    if (!postIds.length) return [];
    const rows = await this.q<ApprovalRow>(
      undefined,
      `SELECT * FROM approval WHERE organisation_id = $1 AND post_id = ANY ($2::uuid[]) ORDER BY decided_at, seq`,
      [organisationId, [...postIds]],
    );
    return rows.map(approvalOf);
  }

  /**
   * The current content of each of these posts: its hash, and the revision after the last one
   * saved with other content (what was decided on earlier revisions was voided by that edit).
   */
  async currentContent(
    organisationId: string,
    postIds: readonly string[],
    tx?: Tx,
  ): Promise<Map<string, CurrentContent>> {
    if (!postIds.length) return new Map();
    const rows = await this.q<{ id: string; content_hash: string; since: number }>(
      tx,
      `SELECT p.id, p.content_hash, coalesce(max(v.revision), 0)::int + 1 AS since
         FROM post p
         LEFT JOIN post_version v
           ON v.organisation_id = p.organisation_id AND v.post_id = p.id AND v.content_hash <> p.content_hash
        WHERE p.organisation_id = $1 AND p.id = ANY ($2::uuid[])
        GROUP BY p.id, p.content_hash`,
      [organisationId, [...postIds]],
    );
    return new Map(rows.map((r) => [r.id, { contentHash: r.content_hash, since: r.since }]));
  }

  /** The current content of the post; null when there is no such post in the organisation. */
  async currentContentOf(organisationId: string, postId: string, tx?: Tx): Promise<CurrentContent | null> {
    return (await this.currentContent(organisationId, [postId], tx)).get(postId) ?? null;
  }

  // Overrides -----------------------------------------------------------------------------------

  async overrides(organisationId: string, postId: string, tx?: Tx): Promise<StoredOverride[]> {
    const rows = await this.q<OverrideRow>(
      tx,
      `${SELECT_OVERRIDE} WHERE o.organisation_id = $1 AND o.post_id = $2 ORDER BY o.created_at, o.seq`,
      [organisationId, postId],
    );
    return rows.map(overrideOf);
  }

  /** Every override of these posts, oldest first. */
  async overridesOfPosts(organisationId: string, postIds: readonly string[]): Promise<StoredOverride[]> {
    if (!postIds.length) return [];
    const rows = await this.q<OverrideRow>(
      undefined,
      `${SELECT_OVERRIDE} WHERE o.organisation_id = $1 AND o.post_id = ANY ($2::uuid[]) ORDER BY o.created_at, o.seq`,
      [organisationId, [...postIds]],
    );
    return rows.map(overrideOf);
  }

  /** The new override, or null when one for the same rule, field and words exists already. */
  async insertOverride(
    tx: Tx,
    o: {
      organisationId: string;
      postId: string;
      rule: ComplianceRule;
      field: string;
      excerpt: string | null;
      reason: string;
      reviewerId: string;
      revision: number;
      createdAt: Date;
    },
  ): Promise<StoredOverride | null> {
    const [inserted] = await this.q<{ id: string }>(
      tx,
      `INSERT INTO finding_override (organisation_id, post_id, rule, field, excerpt, reason, reviewer_id, revision, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        o.organisationId,
        o.postId,
        o.rule,
        o.field,
        o.excerpt,
        o.reason,
        o.reviewerId,
        o.revision,
        o.createdAt,
      ],
    );
    if (!inserted) return null;
    const [row] = await this.q<OverrideRow>(tx, `${SELECT_OVERRIDE} WHERE o.id = $1`, [inserted.id]);
    return overrideOf(row);
  }

  // Comments ------------------------------------------------------------------------------------

  async comments(organisationId: string, postId: string): Promise<StoredComment[]> {
    const rows = await this.q<CommentRow>(
      undefined,
      `${SELECT_COMMENT} WHERE c.organisation_id = $1 AND c.post_id = $2 ORDER BY c.created_at, c.seq`,
      [organisationId, postId],
    );
    return rows.map(commentOf);
  }

  async insertComment(
    tx: Tx,
    c: {
      organisationId: string;
      postId: string;
      revision: number;
      authorId: string;
      authorName: string;
      text: string;
      mentionedUserIds: string[];
      createdAt: Date;
    },
  ): Promise<StoredComment> {
    const [{ id }] = await this.q<{ id: string }>(
      tx,
      `INSERT INTO review_comment (organisation_id, post_id, revision, author_id, author_name, text,
         mentioned_user_ids, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        c.organisationId,
        c.postId,
        c.revision,
        c.authorId,
        c.authorName,
        c.text,
        c.mentionedUserIds,
        c.createdAt,
      ],
    );
    const [row] = await this.q<CommentRow>(tx, `${SELECT_COMMENT} WHERE c.id = $1`, [id]);
    return commentOf(row);
  }

  /** The members who took part in the post's review: who commented on it or decided on it. */
  async participants(organisationId: string, postId: string, tx?: Tx): Promise<string[]> {
    const rows = await this.q<{ user_id: string }>(
      tx,
      `SELECT author_id AS user_id FROM review_comment
        WHERE organisation_id = $1 AND post_id = $2 AND author_id IS NOT NULL
       UNION
       SELECT approver_user_id FROM approval
        WHERE organisation_id = $1 AND post_id = $2 AND approver_user_id IS NOT NULL`,
      [organisationId, postId],
    );
    return rows.map((r) => r.user_id);
  }

  // Outside approvers' links --------------------------------------------------------------------

  async insertLink(
    tx: Tx,
    l: {
      organisationId: string;
      postId: string;
      tokenHash: string;
      name: string;
      email: string;
      message: string | null;
      revision: number;
      contentHash: string;
      requestedBy: string;
      createdAt: Date;
      expiresAt: Date;
    },
  ): Promise<StoredOutsideLink> {
    const [{ id }] = await this.q<{ id: string }>(
      tx,
      `INSERT INTO outside_review_link (organisation_id, post_id, token_hash, name, email, message, revision,
         content_hash, requested_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        l.organisationId,
        l.postId,
        l.tokenHash,
        l.name,
        l.email,
        l.message,
        l.revision,
        l.contentHash,
        l.requestedBy,
        l.createdAt,
        l.expiresAt,
      ],
    );
    return (await this.link(l.organisationId, id, tx)) as StoredOutsideLink;
  }

  async link(organisationId: string, id: string, tx?: Tx): Promise<StoredOutsideLink | null> {
    const [row] = await this.q<LinkRow>(tx, `${SELECT_LINK} WHERE l.organisation_id = $1 AND l.id = $2`, [
      organisationId,
      id,
    ]);
    return row ? linkOf(row) : null;
  }

  async links(organisationId: string, postId: string): Promise<StoredOutsideLink[]> {
    const rows = await this.q<LinkRow>(
      undefined,
      `${SELECT_LINK} WHERE l.organisation_id = $1 AND l.post_id = $2 ORDER BY l.created_at, l.seq`,
      [organisationId, postId],
    );
    return rows.map(linkOf);
  }

  /**
   * The link a token's hash names, in whichever organisation (the token is the outside
   * approver's only credential); with `lock`, held until `tx` ends.
   */
  async linkByTokenHash(tokenHash: string, tx?: Tx, options: { lock?: boolean } = {}) {
    const [row] = await this.q<LinkRow>(
      tx,
      `${SELECT_LINK} WHERE l.token_hash = $1${options.lock && tx ? ' FOR UPDATE OF l' : ''}`,
      [tokenHash],
    );
    return row ? linkOf(row) : null;
  }

  /** Mark the link used, if it still was not; false when someone used it meanwhile. */
  async useLink(tx: Tx, id: string, at: Date): Promise<boolean> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE outside_review_link SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length === 1;
  }

  // Expiry --------------------------------------------------------------------------------------

  /**
   * Posts of every organisation in one of `states` whose scheduled time is at or before `now`,
   * earliest first (the expiry sweep reads the posts table for this one question; the move itself
   * goes through the content library's repository).
   */
  async dueForExpiry(
    states: readonly PostState[],
    now: Date,
    limit: number,
  ): Promise<Array<{ organisationId: string; postId: string }>> {
    const rows = await this.q<{ organisation_id: string; id: string }>(
      undefined,
      `SELECT organisation_id, id FROM post
        WHERE state = ANY ($1::text[]) AND scheduled_at IS NOT NULL AND scheduled_at <= $2
        ORDER BY scheduled_at, id LIMIT $3`,
      [[...states], now, limit],
    );
    return rows.map((r) => ({ organisationId: r.organisation_id, postId: r.id }));
  }
}
