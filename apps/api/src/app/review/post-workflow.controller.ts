import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, RequestMeta } from '@carecast/server/identity';
import { ReviewStateService, ReviewWorkflowService } from '@carecast/server/review';
import type {
  ApprovalRecord,
  PostChanges,
  PostHistoryEntry,
  PostReviewState,
  ReviewOutcome,
} from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { reviewActorOf } from './review-actor';
import {
  ApproveDto,
  CancelPostDto,
  FastTrackDto,
  PostChangesQueryDto,
  RequestChangesDto,
} from './review.dto';

/** The review workflow of a post: its moves (per POST_TRANSITIONS) and what reviewers read about it. */
@ApiTags('review')
@Controller('posts')
export class PostWorkflowController {
  constructor(
    private readonly workflow: ReviewWorkflowService,
    private readonly review: ReviewStateService,
  ) {}

  @Post(':id/submit')
  @RequirePermission('content.write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send a draft (or a post sent back for changes) for review; the reviewers are told. 422 lists the blocking findings not overridden (or names scheduledAt when its time has passed); 409 when the post is in a state it cannot be submitted from.',
  })
  submit(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewOutcome> {
    return this.workflow.submit(reviewActorOf(session, meta), id);
  }

  @Post(':id/approve')
  @RequirePermission('review.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Approve the post's current content (once per person). 403 for the post's author; 422 while a blocking finding is open. With the organisation's number of approvals for this kind the post becomes approved, scheduled (a time to come), or expired (its time has passed: the author is told).",
  })
  approve(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ApproveDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewOutcome> {
    return this.workflow.approve(reviewActorOf(session, meta), id, dto.comment?.trim() || null);
  }

  @Post(':id/request-changes')
  @RequirePermission('review.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send the post back to its author with what to change (comment required, 422 without). 403 for the post’s author.',
  })
  requestChanges(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RequestChangesDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewOutcome> {
    return this.workflow.requestChanges(reviewActorOf(session, meta), id, dto.comment);
  }

  @Post(':id/cancel')
  @RequirePermission('content.write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the post for good (it is kept with its history).' })
  cancel(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CancelPostDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewOutcome> {
    return this.workflow.cancel(reviewActorOf(session, meta), id, dto.reason?.trim() || null);
  }

  @Post(':id/fast-track')
  @RequirePermission('review.decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The emergency fast path (when the organisation allows it): one of the two approvals an emergency health alert needs, from a practice manager and a compliance reviewer, neither its author. The first puts a draft in review; the second approves (or schedules) it at once. 403 when not allowed, for the author or a second person of the same role; 409 for the same person twice; 422 for anything but an emergency alert.',
  })
  fastTrack(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: FastTrackDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewOutcome> {
    return this.workflow.fastTrack(reviewActorOf(session, meta), id, dto.comment?.trim() || null);
  }

  @Get(':id/review')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'Where the post stands in review for the signed-in person: the moves open to them (and why the others are not), approvals of the current content against those needed, findings and what still blocks, overrides, the fast path, and what changed since they last decided.',
  })
  state(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<PostReviewState> {
    return this.review.state(reviewActorOf(session, meta), id);
  }

  @Get(':id/approvals')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'Every decision on the post, oldest first, as kept for the records: content hash, channels, author, approver, time, decision, comment, the findings and the overrides in force; `current` says whether it is of the current content.',
  })
  approvals(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ApprovalRecord[]> {
    return this.review.approvals(session.organisation.id, id);
  }

  @Get(':id/history')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      "The post's history, oldest first: saved revisions, decisions, comments, overrides, and the workflow's other moves.",
  })
  history(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<PostHistoryEntry[]> {
    return this.review.history(session.organisation.id, id);
  }

  @Get(':id/changes')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'What differs between two saved revisions (by default the current one and the one before), part by part with the text before and after, for a side-by-side view.',
  })
  changes(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Query() q: PostChangesQueryDto,
  ): Promise<PostChanges> {
    return this.review.changes(session.organisation.id, id, q.from, q.to);
  }
}
