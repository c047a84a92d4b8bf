import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import type { Response } from 'express';
import { ChannelOAuthService, type OAuthCallbackQuery } from '@carecast/server/channels';
import { ValidationError } from '@carecast/server/core';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import {
  CHANNEL_KINDS,
  type ChannelConnectOption,
  type ChannelKind,
  type ChooseAccountsResult,
  type OAuthStartResponse,
  type PendingAccountChoice,
} from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';

export class ChooseAccountsDto {
  @ApiProperty({ type: [String], description: 'Ids of the offered accounts to connect.' })
  @IsArray({ message: 'ids must be a list of account ids.' })
  @ArrayMinSize(1, { message: 'ids: choose at least one account.' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  ids: string[];

  @ApiPropertyOptional({
    description: 'true to connect chosen accounts that another organisation already has connected.',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmSharedAccount must be true or false.' })
  confirmSharedAccount?: boolean;
}

const KIND = new ParseEnumPipe(Object.fromEntries(CHANNEL_KINDS.map((k) => [k, k])), {
  exceptionFactory: () => new ValidationError(`kind must be one of ${CHANNEL_KINDS.join(', ')}.`),
});

const ctxOf = (session: AuthSession, meta: RequestMeta) => ({
  ...actorOf(session, meta),
  organisationId: session.organisation.id,
  actorUserId: session.user.id,
});

/** Where the dashboard shows the outcome of a sign-in with a platform. */
const CHANNELS_PAGE = '/channels';

@ApiTags('channels')
@Controller('channels')
export class ChannelOAuthController {
  constructor(private readonly oauth: ChannelOAuthService) {}

  @Get('connect-options')
  @RequirePermission('channels.read')
  @ApiOperation({
    summary:
      "How each kind of channel can be connected here: with the platform's sign-in (OAuth) or by pasting credentials.",
  })
  options(): ChannelConnectOption[] {
    return this.oauth.options();
  }

  @Post('oauth/:kind/start')
  @RequirePermission('channels.manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Start connecting with the platform's sign-in (X: OAuth 2.0 with PKCE; Facebook: Login, then choose pages). Answers the URL to send the browser to; 422 if no app is configured for that platform.",
  })
  start(
    @CurrentSession() session: AuthSession,
    @Param('kind', KIND) kind: ChannelKind,
    @Meta() meta: RequestMeta,
  ): Promise<OAuthStartResponse> {
    return this.oauth.start(ctxOf(session, meta), kind);
  }

  @Get('oauth/:kind/callback')
  @RequirePermission('channels.manage')
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiOperation({
    summary:
      'Where the platform sends the browser back. Redirects to the Channels page with ?connected=<name>, ?choose=<id> (pick pages) or ?error=<message>.',
  })
  async callback(
    @CurrentSession() session: AuthSession,
    @Param('kind', KIND) kind: ChannelKind,
    @Query() query: OAuthCallbackQuery,
    @Meta() meta: RequestMeta,
    @Res() res: Response,
  ): Promise<void> {
    const params = new URLSearchParams();
    try {
      const outcome = await this.oauth.finish(ctxOf(session, meta), kind, {
        state: str(query.state),
        code: str(query.code),
        error: str(query.error),
      });
      if ('connected' in outcome) params.set('connected', outcome.connected);
      else params.set('choose', outcome.choiceId);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      params.set('error', err.message);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, `${CHANNELS_PAGE}?${params}`);
  }

  @Get('oauth-choices/:id')
  @RequirePermission('channels.manage')
  @ApiOperation({
    summary: 'The accounts (e.g. Facebook pages) the sign-in offered, to choose from. Never their tokens.',
  })
  choices(
    @CurrentSession() session: AuthSession,
    @Param('id') id: string,
    @Meta() meta: RequestMeta,
  ): Promise<PendingAccountChoice> {
    return this.oauth.pendingChoice(ctxOf(session, meta), id);
  }

  @Post('oauth-choices/:id')
  @RequirePermission('channels.manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Connect the chosen accounts; each is verified by the platform. Says which were connected and why others were refused. 409 when a chosen account is connected in another organisation and confirmSharedAccount is not true.',
  })
  choose(
    @CurrentSession() session: AuthSession,
    @Param('id') id: string,
    @Body() dto: ChooseAccountsDto,
    @Meta() meta: RequestMeta,
  ): Promise<ChooseAccountsResult> {
    return this.oauth.choose(ctxOf(session, meta), id, dto.ids, dto.confirmSharedAccount === true);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
