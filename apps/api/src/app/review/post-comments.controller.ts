import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, RequestMeta } from '@carecast/server/identity';
import { ReviewCommentsService } from '@carecast/server/review';
import type { MentionablePerson, ReviewComment } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { reviewActorOf } from './review-actor';
import { CreateCommentDto } from './review.dto';

/** Comments on a post, with @mentions of members of the same organisation. */
@ApiTags('review')
@Controller('posts')
export class PostCommentsController {
  constructor(private readonly comments: ReviewCommentsService) {}

  @Get(':id/comments')
  @RequirePermission('review.read')
  @ApiOperation({ summary: 'The comments on the post, oldest first, with the people they mention.' })
  list(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ReviewComment[]> {
    return this.comments.list(session.organisation.id, id);
  }

  @Get(':id/mentionable')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'The people a comment on the post may @mention: active members of this organisation who can read posts, by name with their roles (no email addresses), sorted by name.',
  })
  mentionable(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<MentionablePerson[]> {
    return this.comments.mentionable(session.organisation.id, id);
  }

  @Post(':id/comments')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'Comment on the post, mentioning members by user id (members of this organisation who can read posts; 422 names any other). The mentioned are told; so are the author and whoever took part in the review.',
  })
  add(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCommentDto,
    @Meta() meta: RequestMeta,
  ): Promise<ReviewComment> {
    return this.comments.add(reviewActorOf(session, meta), id, dto);
  }
}
