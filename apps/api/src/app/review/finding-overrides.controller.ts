import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, RequestMeta } from '@carecast/server/identity';
import { FindingOverridesService } from '@carecast/server/review';
import type { FindingOverride } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { reviewActorOf } from './review-actor';
import { OverrideFindingDto } from './review.dto';

/** Reviewers letting blocking findings pass, with a reason. */
@ApiTags('review')
@Controller('posts')
export class FindingOverridesController {
  constructor(private readonly overrides: FindingOverridesService) {}

  @Get(':id/overrides')
  @RequirePermission('review.read')
  @ApiOperation({
    summary:
      'The overrides of the post’s findings; `inForce` says whether a current finding still matches each.',
  })
  list(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<FindingOverride[]> {
    return this.overrides.list(session.organisation.id, id);
  }

  @Post(':id/overrides')
  @RequirePermission('review.decide')
  @ApiOperation({
    summary:
      'Let one of the post’s current blocking findings pass, with the reason (required). Tied to the rule, field and excerpt: an edit that changes the words ends it. 422 when no current blocking finding matches; 403 on one’s own post; 409 when already overridden or the post is past review.',
  })
  override(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: OverrideFindingDto,
    @Meta() meta: RequestMeta,
  ): Promise<FindingOverride> {
    return this.overrides.override(reviewActorOf(session, meta), id, dto);
  }
}
