import { Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { Clock } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { PostRepository } from '@carecast/server/content';
import { NotifyService } from '@carecast/server/notify';
import { POST_TRANSITIONS, type PostState } from '@carecast/shared/contracts';
import { postLink } from './post-decisions';
import { ReviewRepository } from './review.repository';

/** The states the workflow table lets Carecast expire a post from. */
const EXPIRABLE: readonly PostState[] = POST_TRANSITIONS.find((t) => t.action === 'expire')?.from ?? [];
const BATCH = 100;

/**
 * Posts whose scheduled time passed while they waited in review (or approved, not yet handed
 * on): they do not go out late (rule A4). Each is expired in its own transaction, audited with
 * Carecast as the actor, and its author told. Run by the worker on a schedule; the approval of
 * a post whose time has passed expires it at once as well (PostDecisions).
 */
@Injectable()
export class PostExpiryService {
  private readonly logger = new Logger(PostExpiryService.name);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly notify: NotifyService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Expire every post that is due; answers how many were. */
  async sweep(requestId: string | null = null): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const due = await this.reviews.dueForExpiry(EXPIRABLE, now, BATCH);
      let moved = 0;
      for (const { organisationId, postId } of due) {
        if (await this.expire(organisationId, postId, now, requestId)) moved++;
      }
      expired += moved;
      // A batch where nothing moved (someone else got there first) would come back the same.
      if (due.length < BATCH || moved === 0) break;
    }
    if (expired) this.logger.log({ msg: 'posts expired', expired, requestId });
    return expired;
  }

  private expire(
    organisationId: string,
    postId: string,
    now: Date,
    requestId: string | null,
  ): Promise<boolean> {
    return this.db.run(async (tx) => {
      const head = await this.posts.head(organisationId, postId, tx, { lock: true });
      const scheduledAt = head?.scheduledAt ? new Date(head.scheduledAt) : null;
      if (!head || !EXPIRABLE.includes(head.state) || !scheduledAt || scheduledAt > now) return false;
      const moved = await this.posts.transition(tx, organisationId, postId, [head.state], 'expired');
      if (!moved) return false;
      const ctx: AuditContext = {
        organisationId,
        actorUserId: null,
        actorLabel: 'system',
        ip: null,
        userAgent: null,
        requestId,
      };
      await this.audit.record(
        ctx,
        {
          action: 'post.expired',
          entityType: 'post',
          entityId: postId,
          before: { state: head.state },
          after: {
            state: 'expired',
            scheduledAt: head.scheduledAt,
            reason:
              head.state === 'in_review'
                ? 'its scheduled time passed before it was approved'
                : 'its scheduled time passed before it was published',
          },
        },
        tx,
      );
      if (head.authorId)
        await this.notify.notify(tx, {
          organisationId,
          recipientUserIds: [head.authorId],
          kind: 'expired',
          title: 'Your post expired',
          body:
            head.state === 'in_review'
              ? 'Its scheduled time passed before it was approved, so it was not published. Choose a new time and submit it again.'
              : 'Its scheduled time passed before it could be published. Choose a new time and submit it again.',
          link: postLink(postId),
          postId,
          actorUserId: null,
          requestId,
        });
      return true;
    });
  }
}
