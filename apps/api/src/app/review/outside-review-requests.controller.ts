import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, RequestMeta } from '@carecast/server/identity';
import { OutsideReviewService } from '@carecast/server/review';
import type { OutsideReviewSummary } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { reviewActorOf } from './review-actor';
import { RequestOutsideReviewDto } from './review.dto';

/** Reviewers asking someone without a seat (a physician) to approve a post, by email. */
@ApiTags('review')
@Controller('posts')
export class OutsideReviewRequestsController {
  constructor(private readonly outside: OutsideReviewService) {}

  @Post(':id/outside-reviews')
  @RequirePermission('review.decide')
  @ApiOperation({
    summary:
      'Email someone without a seat a single-use link (72 hours) to approve the post in review or ask for changes; their decision counts as one approval. Never to the address of someone who wrote or changed the post, nor of a member whose role does not let them approve (422).',
  })
  request(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RequestOutsideReviewDto,
    @Meta() meta: RequestMeta,
  ): Promise<OutsideReviewSummary> {
    return this.outside.request(reviewActorOf(session, meta), id, dto);
  }

  @Get(':id/outside-reviews')
  @RequirePermission('review.read')
  @ApiOperation({ summary: 'The outside approvers asked about the post, and where each link stands.' })
  list(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<OutsideReviewSummary[]> {
    return this.outside.list(session.organisation.id, id);
  }
}
