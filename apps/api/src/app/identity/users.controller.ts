import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  actorOf,
  InvitationService,
  MembersService,
  OrganisationService,
  type AuthSession,
  type RequestMeta,
} from '@carecast/server/identity';
import type {
  InvitationCreated,
  MemberSummary,
  SecuritySettings,
  SessionSummary,
} from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from './access';
import { InviteDto, RolesDto, SecuritySettingsDto } from './identity.dto';
import { UuidParamPipe } from '../http/uuid-param.pipe';

const ctxOf = (session: AuthSession, meta: RequestMeta) => ({
  ...actorOf(session, meta),
  organisationId: session.organisation.id,
});

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationService,
  ) {}

  @Get()
  @RequirePermission('users.read')
  @ApiOperation({
    summary:
      'The members of the current organisation with their roles (someone only invited shows as their email and "invited").',
  })
  list(@CurrentSession() session: AuthSession): Promise<MemberSummary[]> {
    return this.members.list(session.organisation.id);
  }

  @Post('invitations')
  @RequirePermission('users.manage')
  @ApiOperation({
    summary: 'Invite someone by email with the given roles (the link works once, for 7 days).',
  })
  invite(
    @CurrentSession() session: AuthSession,
    @Body() dto: InviteDto,
    @Meta() meta: RequestMeta,
  ): Promise<InvitationCreated> {
    return this.invitations.invite(ctxOf(session, meta), dto.email, dto.roles);
  }

  @Patch(':userId/roles')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: "Replace a member's roles." })
  changeRoles(
    @CurrentSession() session: AuthSession,
    @Param('userId', UuidParamPipe) userId: string,
    @Body() dto: RolesDto,
    @Meta() meta: RequestMeta,
  ): Promise<MemberSummary> {
    return this.members.changeRoles(ctxOf(session, meta), userId, dto.roles);
  }

  @Post(':userId/deactivate')
  @RequirePermission('users.manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deactivate a member: their sessions in this organisation end at once. Deactivating an invitation withdraws it.',
  })
  deactivate(
    @CurrentSession() session: AuthSession,
    @Param('userId', UuidParamPipe) userId: string,
    @Meta() meta: RequestMeta,
  ): Promise<MemberSummary> {
    return this.members.setActive(ctxOf(session, meta), userId, false);
  }

  @Post(':userId/reactivate')
  @RequirePermission('users.manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reactivate a deactivated member (409 for a withdrawn invitation: only accepting makes someone a member).',
  })
  reactivate(
    @CurrentSession() session: AuthSession,
    @Param('userId', UuidParamPipe) userId: string,
    @Meta() meta: RequestMeta,
  ): Promise<MemberSummary> {
    return this.members.setActive(ctxOf(session, meta), userId, true);
  }

  @Get(':userId/sessions')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: "A member's live sessions in this organisation." })
  sessions(
    @CurrentSession() session: AuthSession,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<SessionSummary[]> {
    return this.members.sessionsOf(session.organisation.id, userId);
  }

  @Delete(':userId/sessions')
  @RequirePermission('users.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session a member has in this organisation.' })
  signOutEverywhere(
    @CurrentSession() session: AuthSession,
    @Param('userId', UuidParamPipe) userId: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    return this.members.signOutEverywhere(ctxOf(session, meta), userId);
  }
}

@ApiTags('organisation')
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get('security')
  @RequirePermission('organisation.manage')
  @ApiOperation({ summary: 'MFA requirement and idle timeouts of the current organisation.' })
  security(@CurrentSession() session: AuthSession): Promise<SecuritySettings> {
    return this.organisations.security(session.organisation.id);
  }

  @Put('security')
  @RequirePermission('organisation.manage')
  @ApiOperation({ summary: 'Change the MFA requirement and idle timeouts.' })
  updateSecurity(
    @CurrentSession() session: AuthSession,
    @Body() dto: SecuritySettingsDto,
    @Meta() meta: RequestMeta,
  ): Promise<SecuritySettings> {
    return this.organisations.updateSecurity(ctxOf(session, meta), dto);
  }
}
