import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { RequestMeta } from '@carecast/server/identity';
import { OutsideReviewService } from '@carecast/server/review';
import {
  MEDIA_CONTENT_TYPES,
  type OutsideDecisionResult,
  type OutsideReviewPage,
} from '@carecast/shared/contracts';
import { Meta, Public, SignInRateLimit } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { OutsideDecisionDto } from './review.dto';

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * The outside approver's side: no session, the emailed token is the only credential (the page
 * `/outside-review/<token>` of the dashboard reads these). A link used, expired (410) or made
 * for content that has changed since (409) is refused with plain words.
 */
@ApiTags('review')
@Controller('outside-reviews')
export class OutsideReviewsController {
  constructor(private readonly outside: OutsideReviewService) {}

  @Get(':token')
  @Public()
  @SignInRateLimit()
  @ApiOperation({
    summary:
      'The post an outside approver was asked about: text, variants, images (through the same token) and findings. 404 unknown link; 410 used or expired; 409 changed since or no longer in review.',
  })
  view(@Param('token') token: string): Promise<OutsideReviewPage> {
    return this.outside.view(token);
  }

  @Get(':token/media/:mediaId')
  @Public()
  @SignInRateLimit()
  @ApiProduces(...MEDIA_CONTENT_TYPES)
  @ApiOperation({ summary: 'An image of the post the link is for, while the link works.' })
  async media(
    @Param('token') token: string,
    @Param('mediaId', UuidParamPipe) mediaId: string,
  ): Promise<StreamableFile> {
    const found = await this.outside.image(token, mediaId);
    return new StreamableFile(found.bytes, {
      type: found.contentType,
      length: found.bytes.length,
      disposition: `inline; filename="${found.id}.${EXTENSION[found.contentType]}"`,
    });
  }

  @Post(':token/decision')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOperation({
    summary:
      'The outside approver approves, or asks for changes with a comment (422 without). Uses the link up (410 the second time); audited with them as the actor.',
  })
  decide(
    @Param('token') token: string,
    @Body() dto: OutsideDecisionDto,
    @Meta() meta: RequestMeta,
  ): Promise<OutsideDecisionResult> {
    return this.outside.decide(token, dto.decision, dto.comment ?? null, meta);
  }
}
