import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { BlogCommentsService } from '@carecast/server/blog';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import {
  BLOG_COMMENT_STATUSES,
  type BlogCommentPage,
  type BlogCommentStatus,
  type BlogCommentSummary,
} from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';

export class ListBlogCommentsQuery {
  @ApiPropertyOptional({
    enum: BLOG_COMMENT_STATUSES,
    description: 'Only comments in this state (default: all).',
  })
  @IsOptional()
  @IsIn(BLOG_COMMENT_STATUSES, { message: `status must be one of ${BLOG_COMMENT_STATUSES.join(', ')}.` })
  status?: BlogCommentStatus;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of the previous page.' })
  cursor?: string;
}

const ctxOf = (session: AuthSession, meta: RequestMeta) => ({
  ...actorOf(session, meta),
  organisationId: session.organisation.id,
});

/** Moderation of the comments visitors leave on the organisation's Carecast blog. */
@ApiTags('blog')
@Controller('blog-comments')
export class BlogCommentsController {
  constructor(private readonly comments: BlogCommentsService) {}

  @Get()
  @RequirePermission('inbox.read')
  @ApiOperation({
    summary:
      'Comments on the Carecast blog, newest first (50 a page), with the email visitors gave (never shown on the blog).',
  })
  list(
    @CurrentSession() session: AuthSession,
    @Query() query: ListBlogCommentsQuery,
  ): Promise<BlogCommentPage> {
    return this.comments.list(session.organisation.id, query.status ?? null, query.cursor ?? null);
  }

  @Post(':id/approve')
  @RequirePermission('inbox.reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show the comment on the blog. Audited.' })
  approve(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<BlogCommentSummary> {
    return this.comments.moderate(ctxOf(session, meta), id, 'approve');
  }

  @Post(':id/reject')
  @RequirePermission('inbox.reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep the comment off the blog (it stays on record). Audited.' })
  reject(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<BlogCommentSummary> {
    return this.comments.moderate(ctxOf(session, meta), id, 'reject');
  }
}
