import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PostsService } from '@carecast/server/content';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import type { PostDetail, PostPage, PostVersion, PostVersionSummary } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreatePostDto, PostListQueryDto, UpdatePostDto } from './posts.dto';
import { RevisionParamPipe } from './revision-param.pipe';

const ctxOf = (session: AuthSession, meta: RequestMeta) => ({
  ...actorOf(session, meta),
  organisationId: session.organisation.id,
});

@ApiTags('posts')
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Post()
  @RequirePermission('content.write')
  @ApiOperation({
    summary:
      'Start a draft (revision 1): base text, channels with their variants, images, and for health alerts urgency, validity, all-clear text and a Spanish variant. Answers the post with what the compliance checks find in it. 400/422 name the field and the rule.',
  })
  create(
    @CurrentSession() session: AuthSession,
    @Body() dto: CreatePostDto,
    @Meta() meta: RequestMeta,
  ): Promise<PostDetail> {
    return this.posts.create(ctxOf(session, meta), dto);
  }

  @Get()
  @RequirePermission('content.read')
  @ApiOperation({
    summary:
      "The organisation's posts, most recently changed first (or as `sort` says), filtered by state, kind, channel, tag, scheduled time and words; paginated with offset and limit.",
  })
  list(@CurrentSession() session: AuthSession, @Query() q: PostListQueryDto): Promise<PostPage> {
    return this.posts.list(session.organisation.id, q);
  }

  @Get(':id')
  @RequirePermission('content.read')
  @ApiOperation({ summary: 'The whole post, with what the compliance checks find in it now.' })
  get(@CurrentSession() session: AuthSession, @Param('id', UuidParamPipe) id: string): Promise<PostDetail> {
    return this.posts.get(session.organisation.id, id);
  }

  @Patch(':id')
  @RequirePermission('content.write')
  @ApiOperation({
    summary:
      'Save changes (send only what changed, with the revision they were made on). 409 when someone saved since (nothing is saved) or the post is past editing. Changing what would be published on a post past draft returns it to draft: its approvals no longer apply. Saving nothing new makes no revision.',
  })
  update(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdatePostDto,
    @Meta() meta: RequestMeta,
  ): Promise<PostDetail> {
    return this.posts.update(ctxOf(session, meta), id, dto);
  }

  @Delete(':id')
  @RequirePermission('content.write')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete a draft that was never sent for review. A post that was ever submitted is kept with its history (409): cancel it instead.',
  })
  remove(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    return this.posts.remove(ctxOf(session, meta), id);
  }

  @Get(':id/versions')
  @RequirePermission('content.read')
  @ApiOperation({
    summary: 'Every saved revision of the post, newest first: who saved it, when, and its content hash.',
  })
  versions(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<PostVersionSummary[]> {
    return this.posts.versions(session.organisation.id, id);
  }

  @Get(':id/versions/:revision')
  @RequirePermission('content.read')
  @ApiOperation({ summary: 'One saved revision of the post, with everything it held.' })
  version(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Param('revision', RevisionParamPipe) revision: number,
  ): Promise<PostVersion> {
    return this.posts.version(session.organisation.id, id, revision);
  }
}
