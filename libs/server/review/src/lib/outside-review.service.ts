import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import {
  Clock,
  ConflictError,
  DependencyUnavailableError,
  GoneError,
  NotFoundError,
  ValidationError,
} from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import {
  ContentSettingsService,
  MediaService,
  PostRepository,
  PostsService,
  type MediaFile,
} from '@carecast/server/content';
import {
  derivedToken,
  Mailer,
  MembersService,
  randomToken,
  tokenHash,
  type RequestMeta,
} from '@carecast/server/identity';
import { JobProducer } from '@carecast/server/queue';
import {
  JobName,
  OUTSIDE_REVIEW_HOURS,
  OUTSIDE_REVIEW_PAGE,
  permissionsOf,
  type ApprovalDecision,
  type OutsideDecisionResult,
  type OutsideReviewMailJobData,
  type OutsideReviewPage,
  type OutsideReviewStatus,
  type OutsideReviewSummary,
  type PostDetail,
  type RequestOutsideReviewRequest,
} from '@carecast/shared/contracts';
import { assertNoBlockingFindings, assertSameContent, PostDecisions, scheduledAtOf } from './post-decisions';
import { ReviewRepository } from './review.repository';
import type { CurrentContent, ReviewActor, StoredOutsideLink } from './review.types';
import { contentWriterIds } from './content-writers';
import { ofCurrentContent } from './counting-approvals';
import { requireTransition } from './workflow-policy';
import { requiredText } from './required-text';

const TOKEN_PURPOSE = 'outside-review';
const HOUR_MS = 3_600_000;

const NOT_VALID = 'This link is not valid. Ask the practice that sent it for a new one.';

/** Where the outside approver opens the post: the dashboard page, the token as its last segment. */
export const outsideReviewPath = (token: string) => `${OUTSIDE_REVIEW_PAGE}/${token}`;
/** Where that page loads an image of the post with the same token. */
export const outsideReviewMediaUrl = (token: string, mediaId: string) =>
  `/api/outside-reviews/${encodeURIComponent(token)}/media/${mediaId}`;

/**
 * Outside approvers: a reviewer asks someone without a seat (a physician) to approve a post by
 * email. The emailed link works once, for 72 hours, and only for the content it was made for;
 * only its SHA-256 is stored, and the token is derived with a server key from a random key that
 * travels through the mail queue (the password-reset pattern), so Redis never holds a usable
 * link. Their decision counts as one approval and is audited with them as the actor.
 */
@Injectable()
export class OutsideReviewService {
  private readonly logger = new Logger(OutsideReviewService.name);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly postsService: PostsService,
    private readonly posts: PostRepository,
    private readonly media: MediaService,
    private readonly settings: ContentSettingsService,
    private readonly members: MembersService,
    private readonly decisions: PostDecisions,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly jobs: JobProducer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Make a link for the post's current content and have it emailed. Only for a post in review,
   * by someone who may approve it (not one who wrote it); never to the address of one who wrote
   * it, nor of a member whose role does not let them approve.
   */
  async request(
    actor: ReviewActor,
    postId: string,
    request: RequestOutsideReviewRequest,
  ): Promise<OutsideReviewSummary> {
    const name = requiredText(request.name, 'name', 'Enter the name of the person to ask.');
    const email = requiredText(request.email, 'email', 'Enter their email address.').toLowerCase();
    const message = request.message?.trim() || null;
    const now = this.clock.now();
    const linkKey = randomToken();
    const token = derivedToken(this.activeKey(), TOKEN_PURPOSE, linkKey);
    const link = await this.db.run(async (tx) => {
      const head = await this.posts.head(actor.organisationId, postId, tx, { lock: true });
      if (!head) throw new NotFoundError('No such post.');
      if (head.state !== 'in_review')
        throw new ConflictError('Only a post in review can be sent to an outside approver: submit it first.');
      const writerIds = contentWriterIds(
        head.authorId,
        await this.postsService.versions(actor.organisationId, postId),
      );
      requireTransition(
        'approve',
        { ...head, scheduledAt: scheduledAtOf(head), writerIds },
        {
          userId: actor.actorUserId,
          permissions: actor.permissions,
        },
      );
      const member = (await this.members.list(actor.organisationId)).find(
        (m) => m.email.toLowerCase() === email,
      );
      if (member && writerIds.includes(member.userId))
        throw new ValidationError(
          'That is the address of someone who wrote or changed this post: they cannot approve it.',
          [{ field: 'email', rule: 'notAuthor', message: 'The author cannot approve their own post.' }],
        );
      // A member's role says whether they may approve: a link must not give them what it does not.
      if (member && member.status !== 'deactivated' && !permissionsOf(member.roles).includes('review.decide'))
        throw new ValidationError(
          'That is the address of a member of your practice whose role does not let them approve posts.',
          [
            {
              field: 'email',
              rule: 'mayApprove',
              message: 'A member of the practice can approve only if their role allows it.',
            },
          ],
        );
      const made = await this.reviews.insertLink(tx, {
        organisationId: actor.organisationId,
        postId,
        tokenHash: tokenHash(token),
        name,
        email,
        message,
        revision: head.revision,
        contentHash: head.contentHash,
        requestedBy: actor.actorUserId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + OUTSIDE_REVIEW_HOURS * HOUR_MS),
      });
      await this.audit.record(
        actor,
        {
          action: 'outside_review.requested',
          entityType: 'post',
          entityId: postId,
          after: {
            linkId: made.id,
            name,
            email,
            revision: head.revision,
            contentHash: head.contentHash,
            expiresAt: made.expiresAt.toISOString(),
          },
        },
        tx,
      );
      return made;
    });
    const job: OutsideReviewMailJobData = {
      requestId: actor.requestId ?? 'outside-review',
      organisationId: actor.organisationId,
      linkId: link.id,
      linkKey,
    };
    try {
      await this.jobs.enqueue(JobName.OutsideReviewMail, job, {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
      });
    } catch (err) {
      this.logger.warn({ msg: 'outside review mail not queued', requestId: job.requestId, err });
      throw new DependencyUnavailableError(
        'The request was saved, but the email could not be sent just now. Ask again in a minute.',
      );
    }
    return this.summary(link, await this.currentOf(link));
  }

  /** The links of a post, with where each stands (never their tokens). */
  async list(organisationId: string, postId: string): Promise<OutsideReviewSummary[]> {
    const head = await this.posts.head(organisationId, postId);
    const current = await this.reviews.currentContentOf(organisationId, postId);
    if (!head || !current) throw new NotFoundError('No such post.');
    return (await this.reviews.links(organisationId, postId)).map((l) =>
      this.summary(l, { state: head.state, current }),
    );
  }

  /**
   * The worker's half: email the link (again, on a retry: the token is derived, not stored).
   * Nothing for a link that is gone, used or expired, or whose key does not give its token.
   */
  async sendLink(job: OutsideReviewMailJobData): Promise<void> {
    const link = await this.reviews.link(job.organisationId, job.linkId);
    if (!link) {
      // The api queues the job after its transaction commits, so the link is there unless deleted.
      this.logger.warn({
        msg: 'outside review link not found',
        requestId: job.requestId,
        linkId: job.linkId,
      });
      return;
    }
    const token = Object.values(this.config.encryption.keys)
      .map((key) => derivedToken(key, TOKEN_PURPOSE, job.linkKey))
      .find((t) => tokenHash(t) === link.tokenHash);
    if (!token) {
      this.logger.warn({
        msg: 'outside review link key does not match',
        requestId: job.requestId,
        linkId: link.id,
      });
      return;
    }
    if (link.usedAt || link.expiresAt <= this.clock.now()) return;
    const organisation = link.organisationName;
    await this.mailer.send({
      to: link.email,
      subject: `${organisation} asks for your approval of a post`,
      text:
        `Hello ${link.name},\n\n` +
        `${link.requestedBy.name} at ${organisation} asks you to review a post before it is published.\n` +
        (link.message ? `\nTheir note: ${link.message}\n` : '') +
        `\nRead it and approve it, or ask for changes (the link works once, for ${OUTSIDE_REVIEW_HOURS} hours):\n` +
        `${this.config.http.publicUrl}${outsideReviewPath(token)}\n\n` +
        'If you were not expecting this, you can ignore this email.\n',
    });
  }

  /** What the outside approver sees: the post, its images (through the same token) and its findings. */
  async view(token: string): Promise<OutsideReviewPage> {
    const { link, detail } = await this.open(token);
    return {
      organisationName: link.organisationName,
      organisationTimeZone: link.organisationTimeZone,
      approverName: link.name,
      requestedBy: link.requestedBy.name,
      message: link.message,
      expiresAt: link.expiresAt.toISOString(),
      post: {
        kind: detail.kind,
        urgency: detail.urgency,
        validFrom: detail.validFrom,
        validUntil: detail.validUntil,
        allClearText: detail.allClearText,
        text: detail.text,
        link: detail.link,
        variants: detail.variants,
        images: detail.images.map((image) => ({
          ...image,
          url: outsideReviewMediaUrl(token, image.mediaId),
        })),
        spanish: detail.spanish,
        scheduledAt: detail.scheduledAt,
        revision: detail.revision,
        findings: detail.findings,
      },
    };
  }

  /** An image of the post the link is for (and of no other post), while the link works. */
  async image(token: string, mediaId: string): Promise<MediaFile> {
    const { link, detail } = await this.open(token);
    if (!detail.images.some((i) => i.mediaId === mediaId)) throw new NotFoundError('No such image.');
    return this.media.file(link.organisationId, mediaId);
  }

  /**
   * The outside approver's decision: approve, or ask for changes (with a comment). Uses the
   * link up; counts as one approval; audited with them as the actor.
   */
  async decide(
    token: string,
    decision: ApprovalDecision,
    comment: string | null,
    meta: RequestMeta,
  ): Promise<OutsideDecisionResult> {
    const note =
      decision === 'changes_requested'
        ? requiredText(comment, 'comment', 'Say what should change.')
        : comment?.trim() || null;
    const { link, detail } = await this.open(token);
    const required = (await this.settings.get(link.organisationId)).requiredApprovals[detail.kind];
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const locked = await this.reviews.linkByTokenHash(tokenHash(token), tx, { lock: true });
      if (!locked) throw new NotFoundError(NOT_VALID);
      this.assertUsable(locked, now);
      const head = await this.posts.head(link.organisationId, link.postId, tx, { lock: true });
      if (!head) throw new NotFoundError(NOT_VALID);
      const post = { head, detail };
      assertSameContent(post);
      this.assertCurrent(locked, { state: head.state, current: await this.decisions.current(tx, head) });
      if (!(await this.reviews.useLink(tx, locked.id, now)))
        throw new GoneError('This link was already used: the decision was recorded.');
      const ctx: AuditContext & { organisationId: string } = {
        organisationId: link.organisationId,
        actorUserId: null,
        actorLabel: `${link.name} <${link.email}> (outside approver)`,
        ...meta,
      };
      const decider = {
        userId: null,
        name: link.name,
        email: link.email,
        roles: [],
        outsideLinkId: link.id,
      };
      const overrides = await this.reviews.overrides(link.organisationId, link.postId, tx);
      if (decision === 'approved') assertNoBlockingFindings(detail.findings, overrides, 'Approving');
      const approval = await this.decisions.record(
        tx,
        post,
        decider,
        decision,
        'outside',
        note,
        overrides,
        now,
      );
      await this.audit.record(
        ctx,
        {
          action: 'outside_review.decided',
          entityType: 'post',
          entityId: link.postId,
          after: { linkId: link.id, approvalId: approval.id, decision, name: link.name, email: link.email },
        },
        tx,
      );
      if (decision === 'changes_requested') {
        await this.decisions.sendBack(tx, ctx, post, `${link.name} (outside approver)`, note ?? '');
        await this.audit.record(
          ctx,
          {
            action: 'post.changes_requested',
            entityType: 'post',
            entityId: link.postId,
            before: { state: head.state },
            after: {
              state: 'changes_requested',
              approvalId: approval.id,
              revision: head.revision,
              contentHash: head.contentHash,
              comment: note,
            },
          },
          tx,
        );
        return { decision, message: 'Thank you. Your request for changes was sent to the practice.' };
      }
      const approvals = (await this.decisions.counting(tx, head)).length;
      const completion = approvals >= required ? await this.decisions.moveOn(tx, post, 'approve', now) : null;
      await this.audit.record(
        ctx,
        {
          action: 'post.approved',
          entityType: 'post',
          entityId: link.postId,
          before: completion ? { state: completion.from } : null,
          after: {
            ...(completion ? { state: completion.to } : {}),
            approvalId: approval.id,
            revision: head.revision,
            contentHash: head.contentHash,
            approvals,
            requiredApprovals: required,
            ...(note ? { comment: note } : {}),
          },
        },
        tx,
      );
      if (completion) await this.decisions.announce(tx, ctx, post, completion, now, false);
      return { decision, message: 'Thank you. Your approval was recorded.' };
    });
  }

  /** The link of a token and the post it is for, refused unless the link still works. */
  private async open(token: string): Promise<{ link: StoredOutsideLink; detail: PostDetail }> {
    const link = token ? await this.reviews.linkByTokenHash(tokenHash(token)) : null;
    if (!link) throw new NotFoundError(NOT_VALID);
    this.assertUsable(link, this.clock.now());
    let detail: PostDetail;
    try {
      detail = await this.postsService.getForReview(link.organisationId, link.postId);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError(NOT_VALID);
      throw err;
    }
    const current = await this.reviews.currentContentOf(link.organisationId, link.postId);
    this.assertCurrent(link, {
      state: detail.state,
      current: { contentHash: detail.contentHash, since: current?.since ?? detail.revision },
    });
    return { link, detail };
  }

  private assertUsable(link: StoredOutsideLink, now: Date): void {
    if (link.usedAt) throw new GoneError('This link was already used: the decision was recorded.');
    if (link.expiresAt <= now)
      throw new GoneError(
        `This link has expired (links work for ${OUTSIDE_REVIEW_HOURS} hours). Ask the practice for a new one.`,
      );
  }

  /** Refused unless the link was made for the post's current content (no edit since) in review. */
  private assertCurrent(link: StoredOutsideLink, post: PostNow): void {
    if (!ofCurrentContent(link, post.current))
      throw new ConflictError(
        'The post was changed after this link was sent, so it needs a new review. Ask the practice for a new link.',
      );
    if (post.state !== 'in_review')
      throw new ConflictError('This post is not waiting for review any more, so there is nothing to decide.');
  }

  private activeKey(): Buffer {
    return this.config.encryption.keys[this.config.encryption.activeKeyId];
  }

  private async currentOf(link: StoredOutsideLink): Promise<PostNow> {
    const head = await this.posts.head(link.organisationId, link.postId);
    const current = await this.reviews.currentContentOf(link.organisationId, link.postId);
    return {
      state: head?.state ?? 'cancelled',
      current: current ?? { contentHash: '', since: Number.MAX_SAFE_INTEGER },
    };
  }

  private summary(link: StoredOutsideLink, post: PostNow): OutsideReviewSummary {
    return {
      id: link.id,
      postId: link.postId,
      name: link.name,
      email: link.email,
      message: link.message,
      revision: link.revision,
      contentHash: link.contentHash,
      requestedBy: link.requestedBy,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      usedAt: link.usedAt?.toISOString() ?? null,
      decision: link.decision,
      status: statusOf(link, post, this.clock.now()),
    };
  }
}

/** Where a post stands, as a link is judged against it. */
interface PostNow {
  state: string;
  current: CurrentContent;
}

function statusOf(link: StoredOutsideLink, post: PostNow, now: Date): OutsideReviewStatus {
  if (link.usedAt) return 'decided';
  if (link.expiresAt <= now) return 'expired';
  if (!ofCurrentContent(link, post.current)) return 'outdated';
  if (post.state !== 'in_review') return 'withdrawn';
  return 'pending';
}
