import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional } from 'class-validator';
import { ChannelsService } from '@carecast/server/channels';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import { CHANNEL_KINDS, type ChannelKind, type ChannelSummary } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { FitsChannelKind } from './channel-connect-fields.validator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

export class ConnectChannelDto {
  @ApiProperty({ enum: CHANNEL_KINDS })
  @IsIn(CHANNEL_KINDS, { message: `kind must be one of ${CHANNEL_KINDS.join(', ')}.` })
  kind: ChannelKind;

  @ApiProperty({
    description:
      'x_account {accessToken}; facebook_page {userAccessToken}; wordpress_blog {username, applicationPassword}. Stored encrypted, never returned.',
  })
  @IsObject()
  @FitsChannelKind('credentials')
  credentials: Record<string, string>;

  @ApiPropertyOptional({ description: 'facebook_page {pageId}; wordpress_blog {siteUrl} (required).' })
  // Checked even when missing: a kind that needs settings names the missing field.
  @FitsChannelKind('settings')
  settings?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'true to connect an account that another organisation already has connected (otherwise 409 with a warning).',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmSharedAccount must be true or false.' })
  confirmSharedAccount?: boolean;
}

const ctxOf = (session: AuthSession, meta: RequestMeta) => ({
  ...actorOf(session, meta),
  organisationId: session.organisation.id,
});

@ApiTags('channels')
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @RequirePermission('channels.read')
  @ApiOperation({
    summary: "The organisation's channels with their status and last error (never their credentials).",
  })
  list(@CurrentSession() session: AuthSession): Promise<ChannelSummary[]> {
    return this.channels.list(session.organisation.id);
  }

  @Post()
  @RequirePermission('channels.manage')
  @ApiOperation({
    summary:
      'Connect (or reconnect) an account: the platform verifies the credentials first; 422 says why it refused; 409 warns that another organisation has the account connected (send confirmSharedAccount: true to go ahead).',
  })
  connect(
    @CurrentSession() session: AuthSession,
    @Body() dto: ConnectChannelDto,
    @Meta() meta: RequestMeta,
  ): Promise<ChannelSummary> {
    return this.channels.connect(ctxOf(session, meta), dto);
  }

  @Post(':id/disable')
  @RequirePermission('channels.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop publishing to and reading from this channel, keeping it connected.' })
  disable(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<ChannelSummary> {
    return this.channels.setEnabled(ctxOf(session, meta), id, false);
  }

  @Post(':id/enable')
  @RequirePermission('channels.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Use a disabled channel again.' })
  enable(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<ChannelSummary> {
    return this.channels.setEnabled(ctxOf(session, meta), id, true);
  }

  @Delete(':id')
  @RequirePermission('channels.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the channel and its stored credentials.' })
  remove(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    return this.channels.remove(ctxOf(session, meta), id);
  }
}
