import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, RequestMeta } from '@carecast/server/identity';
import { ReviewStateService } from '@carecast/server/review';
import type { ReviewQueueItem } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { reviewActorOf } from './review-actor';
import { ReviewQueueQueryDto } from './review.dto';

@ApiTags('review')
@Controller('review-queue')
export class ReviewQueueController {
  constructor(private readonly review: ReviewStateService) {}

  @Get()
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'Posts waiting for review, oldest submission first (filter by kind): approvals against those needed, whether the signed-in person approved it, wrote it, or decided on an earlier revision that has changed since.',
  })
  queue(
    @CurrentSession() session: AuthSession,
    @Query() q: ReviewQueueQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewQueueItem[]> {
    return this.review.queue(reviewActorOf(session, meta), { kind: q.kind, limit: q.limit });
  }
}
