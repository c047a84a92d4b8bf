import { Injectable } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import {
  ContentSettingsService,
  PostRepository,
  PostsService,
  type PostHead,
} from '@carecast/server/content';
import { NotifyService } from '@carecast/server/notify';
import type {
  ContentSettings,
  PostAction,
  PostDetail,
  PostState,
  ReviewOutcome,
  Role,
} from '@carecast/shared/contracts';
import {
  assertNoBlockingFindings,
  assertSameContent,
  PostDecisions,
  postExcerpt,
  postLink,
  scheduledAtOf,
  type PostUnderDecision,
} from './post-decisions';
import { contentWriterIds } from './content-writers';
import { countingApprovals, ofCurrentContent } from './counting-approvals';
import { requiredText } from './required-text';
import { ReviewRepository } from './review.repository';
import type { ReviewActor, StoredOverride } from './review.types';
import { requireTransition } from './workflow-policy';

const FAST_PATH_ROLES: readonly Role[] = ['manager', 'reviewer'];

/** What a member's decision works on (see `decide`). */
interface MemberDecision {
  post: PostUnderDecision & { writerIds: string[] };
  overrides: StoredOverride[];
  settings: ContentSettings;
  required: number;
  now: Date;
}

const deciderOf = (actor: ReviewActor) => ({
  userId: actor.actorUserId,
  name: actor.name,
  email: actor.email,
  roles: actor.roles,
  outsideLinkId: null,
});

const wf = (head: PostHead, writerIds: readonly string[] = []) => ({
  ...head,
  scheduledAt: scheduledAtOf(head),
  writerIds,
});

/**
 * The review workflow of posts, as the table in the contracts declares it (POST_TRANSITIONS):
 * submit, approve, request changes, cancel, and the emergency fast path. Each move checks the
 * table, locks the post, records what was decided (rule A2), audits it and notifies the people
 * concerned, all in one transaction.
 */
@Injectable()
export class ReviewWorkflowService {
  constructor(
    private readonly postsService: PostsService,
    private readonly posts: PostRepository,
    private readonly settings: ContentSettingsService,
    private readonly reviews: ReviewRepository,
    private readonly decisions: PostDecisions,
    private readonly audit: AuditService,
    private readonly notify: NotifyService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Send a draft (or a post sent back for changes) for review. Refused (422, listing them) while
   * a blocking finding is open, and when its scheduled time has already passed.
   */
  async submit(actor: ReviewActor, postId: string): Promise<ReviewOutcome> {
    return this.decide(actor, postId, 'submit', async (tx, { post, overrides, required, now }) => {
      assertNoBlockingFindings(post.detail.findings, overrides, 'Submitting');
      const scheduledAt = scheduledAtOf(post.head);
      if (scheduledAt && scheduledAt.getTime() <= now.getTime())
        throw new ValidationError('The scheduled time has passed: choose a later time, or clear it.', [
          { field: 'scheduledAt', rule: 'inFuture', message: 'The scheduled time has passed.' },
        ]);
      await this.move(tx, post.head, 'in_review');
      await this.audit.record(
        actor,
        {
          action: 'post.submitted',
          entityType: 'post',
          entityId: postId,
          before: { state: post.head.state },
          after: { state: 'in_review', revision: post.head.revision, contentHash: post.head.contentHash },
        },
        tx,
      );
      await this.askReviewers(
        tx,
        actor,
        post,
        post.detail.kind === 'health_alert' ? 'Health alert waiting for review' : 'Post waiting for review',
        `${actor.name} submitted "${postExcerpt(post.detail.text)}" for review.`,
      );
      return this.outcomeNow(tx, post.head, 'in_review', required);
    });
  }

  /**
   * Approve the post's current content. Never by its author (403); once per person and content;
   * refused while a blocking finding is open. When the organisation's count for this kind is
   * reached the post is approved, scheduled, or, if its time has passed, expired.
   */
  async approve(actor: ReviewActor, postId: string, comment: string | null): Promise<ReviewOutcome> {
    return this.decide(actor, postId, 'approve', async (tx, { post, overrides, required, now }) => {
      assertNoBlockingFindings(post.detail.findings, overrides, 'Approving');
      const before = await this.decisions.counting(tx, post.head);
      const current = await this.decisions.current(tx, post.head);
      const mine = (await this.reviews.approvals(actor.organisationId, postId, tx)).filter(
        (a) =>
          ofCurrentContent(a, current) &&
          a.path !== 'fast_track' &&
          (a.approverUserId === actor.actorUserId || sameEmail(a.approverEmail, actor.email)),
      );
      if (mine.some((a) => a.decision === 'approved'))
        throw new ConflictError(
          mine[mine.length - 1].decision === 'approved'
            ? 'You already approved this version of the post.'
            : 'You asked for changes to this version after approving it: it needs an edit before you approve it again.',
        );
      const approval = await this.decisions.record(
        tx,
        post,
        deciderOf(actor),
        'approved',
        'standard',
        comment,
        overrides,
        now,
      );
      const approvals = before.length + 1;
      const completion = approvals >= required ? await this.decisions.moveOn(tx, post, 'approve', now) : null;
      await this.audit.record(
        actor,
        {
          action: 'post.approved',
          entityType: 'post',
          entityId: postId,
          before: completion ? { state: completion.from } : null,
          after: {
            ...(completion ? { state: completion.to } : {}),
            approvalId: approval.id,
            revision: post.head.revision,
            contentHash: post.head.contentHash,
            approvals,
            requiredApprovals: required,
            ...(comment ? { comment } : {}),
          },
        },
        tx,
      );
      if (completion) await this.decisions.announce(tx, actor, post, completion, now, false);
      return outcome(post.head, completion?.to ?? post.head.state, approvals, required);
    });
  }

  /** Send the post back to its author with what to change (the comment is required). */
  async requestChanges(actor: ReviewActor, postId: string, comment: string): Promise<ReviewOutcome> {
    const text = requiredText(comment, 'comment', 'Say what should change.');
    return this.decide(actor, postId, 'request_changes', async (tx, { post, overrides, required, now }) => {
      const decision = await this.decisions.record(
        tx,
        post,
        deciderOf(actor),
        'changes_requested',
        'standard',
        text,
        overrides,
        now,
      );
      await this.decisions.sendBack(tx, actor, post, actor.name, text);
      await this.audit.record(
        actor,
        {
          action: 'post.changes_requested',
          entityType: 'post',
          entityId: postId,
          before: { state: post.head.state },
          after: {
            state: 'changes_requested',
            approvalId: decision.id,
            revision: post.head.revision,
            contentHash: post.head.contentHash,
            comment: text,
          },
        },
        tx,
      );
      return this.outcomeNow(tx, post.head, 'changes_requested', required);
    });
  }

  /** Withdraw the post for good (from the states the table allows). */
  async cancel(actor: ReviewActor, postId: string, reason: string | null): Promise<ReviewOutcome> {
    return this.db.run(async (tx) => {
      const head = await this.posts.head(actor.organisationId, postId, tx, { lock: true });
      if (!head) throw new NotFoundError('No such post.');
      requireTransition('cancel', wf(head), actorOf(actor));
      await this.move(tx, head, 'cancelled');
      await this.audit.record(
        actor,
        {
          action: 'post.cancelled',
          entityType: 'post',
          entityId: postId,
          before: { state: head.state },
          after: { state: 'cancelled', revision: head.revision, ...(reason ? { reason } : {}) },
        },
        tx,
      );
      const required = (await this.settings.get(actor.organisationId)).requiredApprovals[head.kind];
      return this.outcomeNow(tx, head, 'cancelled', required);
    });
  }

  /**
   * The emergency fast path: an emergency health alert approved at once by two people, a practice
   * manager and a compliance reviewer, neither its author, when the organisation allows it. The
   * first approval puts a draft in review; the second approves (or schedules) it at once. Refused
   * when the organisation does not allow it (403), for anything but an emergency alert (422), to
   * the author (403), to someone who is neither manager nor reviewer (403), to the same person
   * twice (409), and to a second person of the same role as the first (403).
   */
  async fastTrack(actor: ReviewActor, postId: string, comment: string | null): Promise<ReviewOutcome> {
    return this.decide(actor, postId, 'fast_track', async (tx, decision) => {
      const { post, overrides, settings, required, now } = decision;
      if (!settings.allowEmergencyFastPath)
        throw new ForbiddenError(
          'Your practice does not use the emergency fast path. An administrator can turn it on in the content settings.',
        );
      if (post.head.kind !== 'health_alert' || post.head.urgency !== 'emergency')
        throw new ValidationError('Only emergency health alerts can take the fast path.', [
          {
            field: 'urgency',
            rule: 'emergencyAlert',
            message: 'The post must be a health alert of urgency emergency.',
          },
        ]);
      const myRoles = FAST_PATH_ROLES.filter((r) => actor.roles.includes(r));
      if (!myRoles.length)
        throw new ForbiddenError(
          'The fast path needs a practice manager and a compliance reviewer; you are neither.',
        );
      assertNoBlockingFindings(post.detail.findings, overrides, 'The fast path');
      const firsts = countingApprovals(
        await this.reviews.approvals(actor.organisationId, postId, tx),
        await this.decisions.current(tx, post.head),
        ['fast_track'],
      );
      if (firsts.some((a) => a.approverUserId === actor.actorUserId))
        throw new ConflictError(
          'You already gave one of the two approvals: someone else must give the other.',
        );
      const first = firsts[0] ?? null;
      if (first && !pairCovers(first.approverRoles, myRoles))
        throw new ForbiddenError(
          `The fast path needs a practice manager and a compliance reviewer: the first approval came from a ${describeRoles(first.approverRoles)}, so the second must come from a ${first.approverRoles.includes('manager') ? 'compliance reviewer' : 'practice manager'}.`,
        );
      const approval = await this.decisions.record(
        tx,
        post,
        deciderOf(actor),
        'approved',
        'fast_track',
        comment,
        overrides,
        now,
      );
      if (!first) {
        const state = await this.startFastPath(tx, actor, post);
        await this.audit.record(
          actor,
          {
            action: 'post.fast_tracked',
            entityType: 'post',
            entityId: postId,
            before: { state: post.head.state },
            after: {
              state,
              step: 1,
              approvalId: approval.id,
              roles: myRoles,
              revision: post.head.revision,
              contentHash: post.head.contentHash,
              ...(comment ? { comment } : {}),
            },
          },
          tx,
        );
        await this.askReviewers(
          tx,
          actor,
          post,
          'Emergency alert needs a second approval',
          `${actor.name} approved the emergency alert "${postExcerpt(post.detail.text)}" on the fast path. A ${myRoles.includes('manager') && !myRoles.includes('reviewer') ? 'compliance reviewer' : 'practice manager'} must give the second approval.`,
        );
        return this.outcomeNow(tx, post.head, state, required);
      }
      const completion = await this.decisions.moveOn(tx, post, 'fast_track', now);
      await this.audit.record(
        actor,
        {
          action: 'post.fast_tracked',
          entityType: 'post',
          entityId: postId,
          before: { state: completion.from },
          after: {
            state: completion.to,
            step: 2,
            approvalId: approval.id,
            firstApprovalId: first.id,
            roles: myRoles,
            revision: post.head.revision,
            contentHash: post.head.contentHash,
            ...(comment ? { comment } : {}),
          },
        },
        tx,
      );
      await this.decisions.announce(tx, actor, post, completion, now, true);
      return this.outcomeNow(tx, post.head, completion.to, required);
    });
  }

  /** The first fast-path approval of a draft puts it in review (so an edit now voids it, like any approval). */
  private async startFastPath(tx: Tx, actor: ReviewActor, post: PostUnderDecision): Promise<PostState> {
    if (post.head.state !== 'draft') return post.head.state;
    await this.move(tx, post.head, 'in_review');
    return 'in_review';
  }

  /**
   * The post's row, locked until the transaction ends, with the content the decision was made on
   * and who wrote it (read once the row is locked: no edit can come in between).
   */
  private async lock(
    tx: Tx,
    organisationId: string,
    postId: string,
    detail: PostDetail,
  ): Promise<PostUnderDecision & { writerIds: string[] }> {
    const head = await this.posts.head(organisationId, postId, tx, { lock: true });
    if (!head) throw new NotFoundError('No such post.');
    const post = { head, detail };
    assertSameContent(post);
    const versions = await this.postsService.versions(organisationId, postId);
    return { ...post, writerIds: contentWriterIds(head.authorId, versions) };
  }

  /**
   * A member's decision on a post: its content and findings and the organisation's settings
   * read first; then, in one transaction, its row locked (as `lock`), the move checked against
   * the table for this actor, and the post's overrides read, before `work` decides.
   */
  private async decide<T>(
    actor: ReviewActor,
    postId: string,
    action: PostAction,
    work: (tx: Tx, decision: MemberDecision) => Promise<T>,
  ): Promise<T> {
    const detail = await this.postsService.getForReview(actor.organisationId, postId);
    const settings = await this.settings.get(actor.organisationId);
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const post = await this.lock(tx, actor.organisationId, postId, detail);
      requireTransition(action, wf(post.head, post.writerIds), actorOf(actor));
      const overrides = await this.reviews.overrides(actor.organisationId, postId, tx);
      return work(tx, { post, overrides, settings, required: settings.requiredApprovals[detail.kind], now });
    });
  }

  /** Moves the post on from the state it was read in; 409 when it changed meanwhile. */
  private async move(tx: Tx, head: PostHead, to: PostState): Promise<void> {
    const moved = await this.posts.transition(tx, head.organisationId, head.id, [head.state], to);
    if (!moved) throw new ConflictError('The post changed meanwhile. Open it again.');
  }

  /** Tells the reviewers, but neither the actor nor the post's author, that the post waits for them. */
  private async askReviewers(
    tx: Tx,
    actor: ReviewActor,
    post: PostUnderDecision,
    title: string,
    body: string,
  ): Promise<void> {
    await this.notify.notify(tx, {
      organisationId: actor.organisationId,
      recipientPermission: 'review.decide',
      excludeUserIds: [actor.actorUserId, ...(post.head.authorId ? [post.head.authorId] : [])],
      kind: 'review_requested',
      title,
      body,
      link: postLink(post.head.id),
      postId: post.head.id,
      actorUserId: actor.actorUserId,
      requestId: actor.requestId,
    });
  }

  /** The outcome of a move, with the approvals that count for the post's current content. */
  private async outcomeNow(
    tx: Tx,
    head: PostHead,
    state: PostState,
    required: number,
  ): Promise<ReviewOutcome> {
    return outcome(head, state, (await this.decisions.counting(tx, head)).length, required);
  }
}

function actorOf(actor: ReviewActor) {
  return { userId: actor.actorUserId, permissions: actor.permissions };
}

function outcome(
  head: PostHead,
  state: PostState,
  approvals: number,
  requiredApprovals: number,
): ReviewOutcome {
  return { postId: head.id, from: head.state, state, approvals, requiredApprovals };
}

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether two people, with these roles, are a manager and a reviewer between them. */
function pairCovers(first: readonly Role[], second: readonly Role[]): boolean {
  return (
    (first.includes('manager') && second.includes('reviewer')) ||
    (first.includes('reviewer') && second.includes('manager'))
  );
}

function describeRoles(roles: readonly Role[]): string {
  if (roles.includes('manager') && roles.includes('reviewer')) return 'practice manager and reviewer';
  return roles.includes('manager') ? 'practice manager' : 'compliance reviewer';
}
