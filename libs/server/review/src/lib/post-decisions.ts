import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { ConflictError, ValidationError } from '@carecast/server/core';
import type { Tx } from '@carecast/server/database';
import { PostRepository, type PostHead } from '@carecast/server/content';
import { NotifyService } from '@carecast/server/notify';
import {
  transitionOf,
  type ApprovalDecision,
  type ApprovalPath,
  type Finding,
  type FindingOverride,
  type PostAction,
  type PostDetail,
  type PostState,
  type Role,
} from '@carecast/shared/contracts';
import { countingApprovals, STANDARD_PATHS } from './counting-approvals';
import { blockingNotOverridden, inForce, overrideOf } from './overrides-in-force';
import { PublishHandoff } from './publish-handoff';
import { ReviewRepository } from './review.repository';
import type { CurrentContent, StoredApproval, StoredOverride } from './review.types';
import { approvedDestination } from './workflow-policy';

type OrgContext = AuditContext & { organisationId: string };

/** A post as a decision sees it: its row locked for the transaction, and its content and findings. */
export interface PostUnderDecision {
  head: PostHead;
  detail: PostDetail;
}

/** Who decides: a member, or an outside approver through their link. */
export interface Decider {
  userId: string | null;
  name: string;
  email: string;
  roles: readonly Role[];
  outsideLinkId: string | null;
}

/** Where a completed approval took the post. */
export interface Completion {
  from: PostState;
  to: PostState;
  expired: boolean;
}

/** The beginning of a post's text, to name it in a notification. */
export function postExcerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return 'Untitled post';
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export const postLink = (postId: string) => `/posts/${postId}`;

export const scheduledAtOf = (head: PostHead): Date | null =>
  head.scheduledAt === null ? null : new Date(head.scheduledAt);

/** The overrides as an approval record keeps them: those in force for the findings of the moment. */
export function overridesSnapshot(
  overrides: readonly StoredOverride[],
  findings: readonly Finding[],
): FindingOverride[] {
  return overrides.filter((o) => inForce(o, findings)).map((o) => overrideOf(o, findings));
}

/** 422 listing every blocking finding no override lets pass; nothing when there is none. */
export function assertNoBlockingFindings(
  findings: readonly Finding[],
  overrides: readonly StoredOverride[],
  what: string,
): void {
  const blocking = blockingNotOverridden(findings, overrides);
  if (!blocking.length) return;
  throw new ValidationError(
    `${what} cannot go ahead while ${blocking.length === 1 ? 'a blocking finding is' : `${blocking.length} blocking findings are`} open: fix the post, or ask a reviewer to override with a reason.`,
    blocking.map((f) => ({ field: f.field, rule: f.rule, message: f.message })),
  );
}

/**
 * The content a person looked at must be the content on record now: an edit between reading
 * the post and deciding on it makes the decision wait for a new look.
 */
export function assertSameContent(post: PostUnderDecision): void {
  if (post.detail.contentHash !== post.head.contentHash)
    throw new ConflictError(
      'The post was changed a moment ago. Open it again and look at the changes before deciding.',
    );
}

/**
 * Records decisions on posts (compliance rule A2) and moves an approved post on. Runs inside
 * the caller's transaction, with the post's row locked by the caller.
 */
@Injectable()
export class PostDecisions {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly notify: NotifyService,
    private readonly handoff: PublishHandoff,
  ) {}

  /** One decision on the post's current content, with the findings and overrides of the moment. */
  record(
    tx: Tx,
    post: PostUnderDecision,
    decider: Decider,
    decision: ApprovalDecision,
    path: ApprovalPath,
    comment: string | null,
    overrides: readonly StoredOverride[],
    now: Date,
  ): Promise<StoredApproval> {
    const { head, detail } = post;
    return this.reviews.insertApproval(tx, {
      organisationId: head.organisationId,
      postId: head.id,
      revision: head.revision,
      contentHash: head.contentHash,
      channels: detail.variants.map((v) => ({ id: v.channelId, kind: v.channelKind, name: v.channelName })),
      author: detail.author,
      approverUserId: decider.userId,
      approverName: decider.name,
      approverEmail: decider.email,
      approverRoles: [...decider.roles],
      outsideLinkId: decider.outsideLinkId,
      path,
      decision,
      comment,
      findings: detail.findings,
      overrides: overridesSnapshot(overrides, detail.findings),
      decidedAt: now,
    });
  }

  /** The post's current content (its hash, and since which revision it has had it). */
  async current(tx: Tx, head: PostHead): Promise<CurrentContent> {
    return (
      (await this.reviews.currentContentOf(head.organisationId, head.id, tx)) ?? {
        contentHash: head.contentHash,
        since: head.revision,
      }
    );
  }

  /** The approvals that count (members and outside approvers, each person once) of the post's current content. */
  async counting(tx: Tx, head: PostHead): Promise<StoredApproval[]> {
    return countingApprovals(
      await this.reviews.approvals(head.organisationId, head.id, tx),
      await this.current(tx, head),
      STANDARD_PATHS,
    );
  }

  /**
   * Move the post on after the decisive approval of `action` (approve, fast_track): `approved`,
   * `scheduled` when its time is still to come, `expired` when the time has passed (rule A4: it
   * never goes out late). The caller records its decision, then calls `announce`.
   */
  async moveOn(
    tx: Tx,
    post: PostUnderDecision,
    action: Extract<PostAction, 'approve' | 'fast_track'>,
    now: Date,
  ): Promise<Completion> {
    const { head } = post;
    const transition = transitionOf(action, head.state);
    if (!transition) throw new ConflictError('The post is not waiting for this decision any more.');
    const destination = approvedDestination(transition, { ...head, scheduledAt: scheduledAtOf(head) }, now);
    if (destination.expired && !transitionOf('expire', head.state))
      throw new ConflictError('The post cannot expire from its state.');
    const moved = await this.posts.transition(
      tx,
      head.organisationId,
      head.id,
      [head.state],
      destination.state,
    );
    if (!moved) throw new ConflictError('The post changed meanwhile. Open it again.');
    return { from: head.state, to: destination.state, expired: destination.expired };
  }

  /**
   * What follows the move: an expired post is audited as such and its author told; an approved
   * (or scheduled) one is handed to publishing in the same transaction and its author told.
   */
  async announce(
    tx: Tx,
    ctx: OrgContext,
    post: PostUnderDecision,
    completion: Completion,
    now: Date,
    fastTrack: boolean,
  ): Promise<void> {
    const { head, detail } = post;
    const excerpt = postExcerpt(detail.text);
    if (completion.expired) {
      await this.audit.record(
        ctx,
        {
          action: 'post.expired',
          entityType: 'post',
          entityId: head.id,
          before: { state: completion.from },
          after: {
            state: 'expired',
            scheduledAt: head.scheduledAt,
            approvedAt: now.toISOString(),
            reason: 'approved after its scheduled time',
          },
        },
        tx,
      );
      if (head.authorId)
        await this.notify.notify(tx, {
          organisationId: head.organisationId,
          recipientUserIds: [head.authorId],
          kind: 'expired',
          title: 'Your post expired',
          body: `"${excerpt}" was approved after its scheduled time, so it was not published. Choose a new time and submit it again.`,
          link: postLink(head.id),
          postId: head.id,
          actorUserId: ctx.actorUserId,
          requestId: ctx.requestId,
        });
      return;
    }
    await this.handoff.approved(tx, {
      organisationId: head.organisationId,
      postId: head.id,
      state: completion.to,
      revision: head.revision,
      contentHash: head.contentHash,
      scheduledAt: scheduledAtOf(head),
      fastTrack,
    });
    if (head.authorId)
      await this.notify.notify(tx, {
        organisationId: head.organisationId,
        recipientUserIds: [head.authorId],
        excludeUserIds: ctx.actorUserId ? [ctx.actorUserId] : [],
        kind: 'approved',
        title: 'Your post was approved',
        body:
          completion.to === 'scheduled'
            ? `"${excerpt}" was approved and will be published at its scheduled time.`
            : `"${excerpt}" was approved and is ready to publish.`,
        link: postLink(head.id),
        postId: head.id,
        actorUserId: ctx.actorUserId,
        requestId: ctx.requestId,
      });
  }

  /** Send the post back to its author with what to change (a member's or an outside approver's note). */
  async sendBack(
    tx: Tx,
    ctx: OrgContext,
    post: PostUnderDecision,
    by: string,
    comment: string,
  ): Promise<void> {
    const { head, detail } = post;
    const moved = await this.posts.transition(
      tx,
      head.organisationId,
      head.id,
      ['in_review'],
      'changes_requested',
    );
    if (!moved) throw new ConflictError('The post is not waiting for review any more.');
    if (head.authorId)
      await this.notify.notify(tx, {
        organisationId: head.organisationId,
        recipientUserIds: [head.authorId],
        excludeUserIds: ctx.actorUserId ? [ctx.actorUserId] : [],
        kind: 'changes_requested',
        title: 'Changes requested on your post',
        body: `${by} asked for changes to "${postExcerpt(detail.text)}": ${comment}`,
        link: postLink(head.id),
        postId: head.id,
        actorUserId: ctx.actorUserId,
        requestId: ctx.requestId,
      });
  }
}
