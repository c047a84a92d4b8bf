import { Injectable } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { NotFoundError, ValidationError } from '@carecast/server/core';
import { ContentSettingsService, PostsService, versionKey } from '@carecast/server/content';
import { MembersService } from '@carecast/server/identity';
import {
  auditActionLabel,
  POST_ACTIONS,
  type ApprovalRecord,
  type AuditEntry,
  type ContentSettings,
  type PostAction,
  type PostChange,
  type PostChanges,
  type PostDetail,
  type PostHistoryEntry,
  type PostKind,
  type PostReviewState,
  type ReviewQueueItem,
  type Role,
} from '@carecast/shared/contracts';
import { contentWriterIds } from './content-writers';
import { countingApprovals, ofCurrentContent, STANDARD_PATHS } from './counting-approvals';
import { blockingNotOverridden, overrideOf } from './overrides-in-force';
import { postChanges } from './post-changes';
import { ReviewRepository } from './review.repository';
import type { CurrentContent, ReviewActor, StoredApproval } from './review.types';
import { refusalReason } from './workflow-policy';

const FAST_PATH_ROLES: readonly Role[] = ['manager', 'reviewer'];
const HISTORY_PAGES = 20;

/** Audit actions the history shows from its own records (versions, decisions, comments, overrides). */
const SHOWN_OTHERWISE = new Set([
  'post.updated',
  'post.approved',
  'post.changes_requested',
  'post.fast_tracked',
  'post.commented',
  'post.finding_overridden',
  'outside_review.decided',
]);

export const approvalRecordOf = (a: StoredApproval, current: CurrentContent): ApprovalRecord => ({
  id: a.id,
  postId: a.postId,
  revision: a.revision,
  contentHash: a.contentHash,
  channels: a.channels,
  author: a.author,
  approver:
    a.path === 'outside'
      ? { kind: 'outside', name: a.approverName, email: a.approverEmail }
      : { kind: 'member', id: a.approverUserId ?? '', name: a.approverName, email: a.approverEmail },
  decision: a.decision,
  path: a.path,
  approverRoles: a.approverRoles,
  comment: a.comment,
  findings: a.findings,
  overrides: a.overrides,
  decidedAt: a.decidedAt.toISOString(),
  current: ofCurrentContent(a, current),
});

const countingOf = (approvals: readonly StoredApproval[], current: CurrentContent) =>
  countingApprovals(approvals, current, STANDARD_PATHS);

/**
 * What reviewers and authors read about a post's review: where it stands for the person asking
 * (what they may do, what blocks it, what changed since they last decided), its decisions,
 * history, the changes between revisions, and the queue of posts waiting for review.
 */
@Injectable()
export class ReviewStateService {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly postsService: PostsService,
    private readonly settings: ContentSettingsService,
    private readonly audit: AuditService,
    private readonly members: MembersService,
  ) {}

  async state(actor: ReviewActor, postId: string): Promise<PostReviewState> {
    const detail = await this.postsService.getForReview(actor.organisationId, postId);
    const [settings, approvals, overrides, versions, content] = await Promise.all([
      this.settings.get(actor.organisationId),
      this.reviews.approvals(actor.organisationId, postId),
      this.reviews.overrides(actor.organisationId, postId),
      this.postsService.versions(actor.organisationId, postId),
      this.reviews.currentContentOf(actor.organisationId, postId),
    ]);
    const writerIds = contentWriterIds(detail.author?.id ?? null, versions);
    const current = content ?? { contentHash: detail.contentHash, since: detail.revision };
    const blocking = blockingNotOverridden(detail.findings, overrides);
    const counting = countingOf(approvals, current);
    const firstFast =
      approvals.find(
        (a) => a.path === 'fast_track' && ofCurrentContent(a, current) && a.decision === 'approved',
      ) ?? null;
    const mine = approvals.filter((a) => a.approverUserId === actor.actorUserId);
    const last = mine[mine.length - 1] ?? null;
    const reasons = new Map<PostAction, string>();
    for (const action of POST_ACTIONS) {
      const reason = this.refusal(action, actor, detail, settings, {
        blocking: blocking.length,
        counting,
        firstFast,
        writerIds,
      });
      if (reason) reasons.set(action, reason);
    }
    return {
      postId,
      state: detail.state,
      revision: detail.revision,
      contentHash: detail.contentHash,
      author: detail.author,
      requiredApprovals: settings.requiredApprovals[detail.kind],
      approvals: counting.map((a) => approvalRecordOf(a, current)),
      allowedActions: POST_ACTIONS.filter((a) => !reasons.has(a)),
      refusedActions: [...reasons].map(([action, reason]) => ({ action, reason })),
      findings: detail.findings,
      blockingFindings: blocking,
      overrides: overrides.map((o) => overrideOf(o, detail.findings)),
      fastTrack: {
        available: settings.allowEmergencyFastPath && isEmergencyAlert(detail),
        firstApproval: firstFast
          ? {
              approver: { id: firstFast.approverUserId ?? '', name: firstFast.approverName },
              roles: firstFast.approverRoles,
              decidedAt: firstFast.decidedAt.toISOString(),
            }
          : null,
      },
      myLastDecision: last
        ? {
            revision: last.revision,
            contentHash: last.contentHash,
            decision: last.decision,
            decidedAt: last.decidedAt.toISOString(),
          }
        : null,
      changesSinceMyLastDecision:
        last && last.contentHash !== detail.contentHash
          ? await this.changesBetween(actor.organisationId, postId, last.revision, detail.revision)
          : [],
    };
  }

  /** Every decision on the post, oldest first, each saying whether it is of the current content. */
  async approvals(organisationId: string, postId: string): Promise<ApprovalRecord[]> {
    const current = await this.reviews.currentContentOf(organisationId, postId);
    if (!current) throw new NotFoundError('No such post.');
    return (await this.reviews.approvals(organisationId, postId)).map((a) => approvalRecordOf(a, current));
  }

  /**
   * What differs between two saved revisions of the post: by default the current one (`to`) and
   * the one before it (`from`); nothing between a revision and itself.
   */
  async changes(
    organisationId: string,
    postId: string,
    from: number | undefined,
    to: number | undefined,
  ): Promise<PostChanges> {
    const head = await this.postsService.head(organisationId, postId);
    if (!head) throw new NotFoundError('No such post.');
    const later = to ?? head.revision;
    const earlier = from ?? Math.max(1, later - 1);
    if (earlier > later)
      throw new ValidationError('Compare an earlier revision with a later one.', [
        { field: 'from', rule: 'notAfterTo', message: 'from must not be greater than to.' },
      ]);
    return {
      fromRevision: earlier,
      toRevision: later,
      changes: earlier === later ? [] : await this.changesBetween(organisationId, postId, earlier, later),
    };
  }

  /**
   * The post's history, oldest first: each saved revision, each decision, comment and override,
   * and the other moves of the workflow (submitted, cancelled, expired...) from the audit trail.
   */
  async history(organisationId: string, postId: string): Promise<PostHistoryEntry[]> {
    const head = await this.postsService.head(organisationId, postId);
    if (!head) throw new NotFoundError('No such post.');
    const [versions, approvals, comments, overrides, events, members] = await Promise.all([
      this.postsService.versions(organisationId, postId),
      this.reviews.approvals(organisationId, postId),
      this.reviews.comments(organisationId, postId),
      this.reviews.overrides(organisationId, postId),
      this.events(organisationId, postId),
      this.members.list(organisationId),
    ]);
    const names = new Map(members.map((m) => [m.userId, m.displayName || m.email]));
    const entries: PostHistoryEntry[] = [
      ...versions.map((v) => ({
        kind: 'version' as const,
        at: v.createdAt,
        actor: v.editor?.name ?? 'Carecast',
        summary: v.revision === 1 ? 'Wrote the first version' : `Saved revision ${v.revision}`,
        revision: v.revision,
        action: null,
        detail: null,
      })),
      ...approvals.map((a) => ({
        kind: 'decision' as const,
        at: a.decidedAt.toISOString(),
        actor: a.path === 'outside' ? `${a.approverName} (outside approver)` : a.approverName,
        summary: decisionSummary(a),
        revision: a.revision,
        action: null,
        detail: a.comment,
      })),
      ...comments.map((c) => ({
        kind: 'comment' as const,
        at: c.createdAt.toISOString(),
        actor: c.author.name,
        summary: c.mentions.length
          ? `Commented, mentioning ${c.mentions.map((m) => m.name).join(', ')}`
          : 'Commented',
        revision: c.revision,
        action: null,
        detail: c.text,
      })),
      ...overrides.map((o) => ({
        kind: 'override' as const,
        at: o.createdAt.toISOString(),
        actor: o.reviewer.name,
        summary: `Overrode a finding (${o.rule}${o.excerpt ? `: "${o.excerpt}"` : ''})`,
        revision: o.revision,
        action: null,
        detail: o.reason,
      })),
      ...events
        .filter((e) => !SHOWN_OTHERWISE.has(e.action))
        .map((e) => ({
          kind: 'event' as const,
          at: e.at,
          actor: actorName(e, names),
          summary: auditActionLabel(e.action),
          revision: typeof e.diff?.['revision']?.to === 'number' ? (e.diff['revision'].to as number) : null,
          action: e.action,
          detail: eventDetail(e),
        })),
    ];
    return entries.sort((a, b) => a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  }

  /**
   * Posts waiting for review, oldest submission first, with how many approvals each has, its
   * blocking findings not overridden, and what the person asking has to do with it (and what
   * changed since they last decided on it). Everything is read in bulk, whatever the number of
   * posts: the posts with their findings, then their decisions, overrides and the revisions
   * compared, each in one read.
   */
  async queue(actor: ReviewActor, filters: { kind?: PostKind; limit?: number }): Promise<ReviewQueueItem[]> {
    const page = await this.postsService.listWithFindings(actor.organisationId, {
      state: ['in_review'],
      kind: filters.kind,
      sort: 'submitted_asc',
      limit: filters.limit ?? 100,
    });
    const ids = page.posts.map((p) => p.id);
    const [settings, approvals, overrides, contents] = await Promise.all([
      this.settings.get(actor.organisationId),
      this.reviews.approvalsOfPosts(actor.organisationId, ids),
      this.reviews.overridesOfPosts(actor.organisationId, ids),
      this.reviews.currentContent(actor.organisationId, ids),
    ]);
    const rows = page.posts.map((p) => {
      const own = approvals.filter((a) => a.postId === p.id);
      const mine = own.filter((a) => a.approverUserId === actor.actorUserId);
      const last = mine[mine.length - 1] ?? null;
      // Counted on the current content, as the workflow counts them (a new revision may change only tags).
      const current = contents.get(p.id) ?? { contentHash: p.contentHash, since: p.revision };
      return { post: p, counting: countingOf(own, current), last };
    });
    const compared = rows.flatMap(({ post, last }) =>
      last && last.contentHash !== post.contentHash
        ? [
            { postId: post.id, revision: last.revision },
            { postId: post.id, revision: post.revision },
          ]
        : [],
    );
    const snapshots = await this.postsService.versionSnapshots(actor.organisationId, compared);
    return rows.map(({ post: p, counting, last }) => {
      const changed = last !== null && last.contentHash !== p.contentHash;
      const before = last ? snapshots.get(versionKey(p.id, last.revision)) : undefined;
      const after = snapshots.get(versionKey(p.id, p.revision));
      return {
        id: p.id,
        kind: p.kind,
        urgency: p.urgency,
        text: p.text,
        channels: p.channels,
        author: p.author,
        submittedAt: p.submittedAt,
        scheduledAt: p.scheduledAt,
        revision: p.revision,
        requiredApprovals: settings.requiredApprovals[p.kind],
        approvalCount: counting.length,
        approvedByMe: counting.some((a) => a.approverUserId === actor.actorUserId),
        changedSinceMyLastDecision: changed,
        changedParts:
          changed && before && after ? [...new Set(postChanges(before, after).map((c) => c.label))] : [],
        blockingFindings: blockingNotOverridden(
          p.findings,
          overrides.filter((o) => o.postId === p.id),
        ).length,
        mine: p.author?.id === actor.actorUserId,
      };
    });
  }

  private async changesBetween(
    organisationId: string,
    postId: string,
    from: number,
    to: number,
  ): Promise<PostChange[]> {
    const [before, after] = await Promise.all([
      this.postsService.version(organisationId, postId, from),
      this.postsService.version(organisationId, postId, to),
    ]);
    return postChanges(before.snapshot, after.snapshot);
  }

  /** The audit entries about the post (as many pages as there are, within reason). */
  private async events(organisationId: string, postId: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const result = await this.audit.list(
        organisationId,
        { entityType: 'post', entityId: postId },
        cursor,
        100,
      );
      entries.push(...result.entries);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return entries;
  }

  /** Why the person may not make this move now (the table first, then the rules behind it). */
  private refusal(
    action: PostAction,
    actor: ReviewActor,
    detail: PostDetail,
    settings: ContentSettings,
    facts: {
      blocking: number;
      counting: StoredApproval[];
      firstFast: StoredApproval | null;
      writerIds: readonly string[];
    },
  ): string | null {
    const post = {
      state: detail.state,
      authorId: detail.author?.id ?? null,
      scheduledAt: detail.scheduledAt ? new Date(detail.scheduledAt) : null,
      writerIds: facts.writerIds,
    };
    const byTable = refusalReason(action, post, {
      userId: actor.actorUserId,
      permissions: actor.permissions,
    });
    if (byTable) return byTable;
    const blocked =
      facts.blocking > 0
        ? 'Blocking findings are open: fix them, or have a reviewer override them with a reason.'
        : null;
    switch (action) {
      case 'submit':
        return blocked;
      case 'approve':
        if (facts.counting.some((a) => a.approverUserId === actor.actorUserId))
          return 'You already approved this version of the post.';
        return blocked;
      case 'fast_track': {
        if (!settings.allowEmergencyFastPath) return 'Your practice does not use the emergency fast path.';
        if (!isEmergencyAlert(detail)) return 'Only emergency health alerts can take the fast path.';
        const roles = FAST_PATH_ROLES.filter((r) => actor.roles.includes(r));
        if (!roles.length) return 'The fast path needs a practice manager and a compliance reviewer.';
        const first = facts.firstFast;
        if (first?.approverUserId === actor.actorUserId)
          return 'You gave the first approval: someone else must give the second.';
        if (
          first &&
          !(
            (first.approverRoles.includes('manager') && roles.includes('reviewer')) ||
            (first.approverRoles.includes('reviewer') && roles.includes('manager'))
          )
        )
          return 'The second approval must come from the other role (a manager after a reviewer, or a reviewer after a manager).';
        return blocked;
      }
      default:
        return null;
    }
  }
}

const KIND_ORDER: Record<PostHistoryEntry['kind'], number> = {
  version: 0,
  override: 1,
  comment: 2,
  decision: 3,
  event: 4,
};

function isEmergencyAlert(post: { kind: PostKind; urgency: string | null }): boolean {
  return post.kind === 'health_alert' && post.urgency === 'emergency';
}

function decisionSummary(a: StoredApproval): string {
  if (a.decision === 'changes_requested') return 'Requested changes';
  if (a.path === 'fast_track') return 'Approved on the emergency fast path';
  if (a.path === 'outside') return 'Approved (outside approver)';
  return 'Approved';
}

/** A member by name, an outside approver as the trail names them, Carecast for the system. */
function actorName(e: AuditEntry, names: ReadonlyMap<string, string>): string {
  if (e.actorUserId) return names.get(e.actorUserId) ?? e.actorLabel;
  return e.actorLabel === 'system' || e.actorLabel === 'scheduler' ? 'Carecast' : e.actorLabel;
}

function eventDetail(e: AuditEntry): string | null {
  const reason = e.diff?.['reason']?.to;
  return typeof reason === 'string' ? reason : null;
}
