import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContentSettingsService } from '@carecast/server/content';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import type { ContentSettings } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UpdateContentSettingsDto } from './content-settings.dto';

@ApiTags('organisation')
@Controller('organisation/content-settings')
export class ContentSettingsController {
  constructor(private readonly settings: ContentSettingsService) {}

  @Get()
  @RequirePermission('content.read')
  @ApiOperation({
    summary:
      "The organisation's content settings: approvals needed per kind, the emergency fast path, the Spanish requirement for alerts, and the practice's own contact details and staff names (allowed in posts).",
  })
  get(@CurrentSession() session: AuthSession): Promise<ContentSettings> {
    return this.settings.get(session.organisation.id);
  }

  @Put()
  @RequirePermission('organisation.manage')
  @ApiOperation({ summary: 'Replace the content settings (audited).' })
  update(
    @CurrentSession() session: AuthSession,
    @Body() dto: UpdateContentSettingsDto,
    @Meta() meta: RequestMeta,
  ): Promise<ContentSettings> {
    return this.settings.update({ ...actorOf(session, meta), organisationId: session.organisation.id }, dto);
  }
}
