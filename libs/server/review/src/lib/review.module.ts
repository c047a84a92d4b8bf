import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { ContentModule } from '@carecast/server/content';
import { IdentityModule, Mailer, NodemailerMailer } from '@carecast/server/identity';
import { NotifyModule } from '@carecast/server/notify';
import { FindingOverridesService } from './finding-overrides.service';
import { OutsideReviewService } from './outside-review.service';
import { PostDecisions } from './post-decisions';
import { PostExpiryService } from './post-expiry.service';
import { PublishHandoff } from './publish-handoff';
import { ReviewCommentsService } from './review-comments.service';
import { ReviewStateService } from './review-state.service';
import { ReviewWorkflowService } from './review-workflow.service';
import { ReviewRepository } from './review.repository';

/**
 * Review: the workflow of posts (per the table in the contracts), decisions tied to the content
 * hash, comments with mentions, overrides of blocking findings, outside approvers, the emergency
 * fast path and expiry. Needs the config, core, database and queue modules.
 */
@Module({
  imports: [AuditModule, IdentityModule, ContentModule, NotifyModule],
  providers: [
    ReviewRepository,
    PostDecisions,
    PublishHandoff,
    ReviewWorkflowService,
    ReviewStateService,
    ReviewCommentsService,
    FindingOverridesService,
    OutsideReviewService,
    PostExpiryService,
    { provide: Mailer, useClass: NodemailerMailer },
  ],
  exports: [
    ReviewWorkflowService,
    ReviewStateService,
    ReviewCommentsService,
    FindingOverridesService,
    OutsideReviewService,
    PostExpiryService,
  ],
})
export class ReviewModule {}
