import { Injectable } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { PostRepository, PostsService } from '@carecast/server/content';
import type { FindingOverride, OverrideFindingRequest, PostState } from '@carecast/shared/contracts';
import { contentWriterIds } from './content-writers';
import { overrideMatches, overrideOf } from './overrides-in-force';
import { assertSameContent } from './post-decisions';
import { requiredText } from './required-text';
import { ReviewRepository } from './review.repository';
import type { ReviewActor } from './review.types';

/** Overrides matter only while the post can still be submitted or approved. */
const OVERRIDABLE: readonly PostState[] = ['draft', 'in_review', 'changes_requested'];

/**
 * A reviewer lets a blocking finding pass, with the reason (audited). The override is tied to
 * the finding's rule, field and words: an edit that changes the words ends it, and the new
 * words need a new look.
 */
@Injectable()
export class FindingOverridesService {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly postsService: PostsService,
    private readonly posts: PostRepository,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(organisationId: string, postId: string): Promise<FindingOverride[]> {
    const detail = await this.postsService.getForReview(organisationId, postId);
    return (await this.reviews.overrides(organisationId, postId)).map((o) => overrideOf(o, detail.findings));
  }

  /**
   * Override one of the post's current blocking findings (422 when none matches the rule, field
   * and words given). Not on a post one wrote or changed (403), not once the post is past
   * review (409), not twice (409).
   */
  async override(
    actor: ReviewActor,
    postId: string,
    request: OverrideFindingRequest,
  ): Promise<FindingOverride> {
    const reason = requiredText(request.reason, 'reason', 'Give the reason for letting this finding pass.');
    const detail = await this.postsService.getForReview(actor.organisationId, postId);
    const finding = detail.findings.find(
      (f) => f.severity === 'block' && overrideMatches({ ...request, excerpt: request.excerpt ?? null }, f),
    );
    if (!finding)
      throw new ValidationError(
        'The post has no such blocking finding now: it may have been fixed or changed.',
        [
          {
            field: 'excerpt',
            rule: 'currentBlockingFinding',
            message: 'Give the rule, field and excerpt of one of the post’s current blocking findings.',
          },
        ],
      );
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const head = await this.posts.head(actor.organisationId, postId, tx, { lock: true });
      if (!head) throw new NotFoundError('No such post.');
      assertSameContent({ head, detail });
      const writerIds = contentWriterIds(
        head.authorId,
        await this.postsService.versions(actor.organisationId, postId),
      );
      if (writerIds.includes(actor.actorUserId))
        throw new ForbiddenError('You wrote this post, so another reviewer must decide on its findings.');
      if (!OVERRIDABLE.includes(head.state))
        throw new ConflictError('Findings can be overridden only before the post is approved.');
      const made = await this.reviews.insertOverride(tx, {
        organisationId: actor.organisationId,
        postId,
        rule: finding.rule,
        field: finding.field,
        excerpt: finding.excerpt ?? null,
        reason,
        reviewerId: actor.actorUserId,
        revision: head.revision,
        createdAt: now,
      });
      if (!made) throw new ConflictError('This finding is already overridden.');
      await this.audit.record(
        actor,
        {
          action: 'post.finding_overridden',
          entityType: 'post',
          entityId: postId,
          after: {
            overrideId: made.id,
            rule: finding.rule,
            field: finding.field,
            excerpt: finding.excerpt ?? null,
            reason,
            revision: head.revision,
          },
        },
        tx,
      );
      return overrideOf(made, detail.findings);
    });
  }
}
