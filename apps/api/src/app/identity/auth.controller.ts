import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import {
  actorOf,
  AuthService,
  InvitationService,
  MfaService,
  PasswordResetService,
  SessionService,
  type AuthSession,
  type RequestMeta,
} from '@carecast/server/identity';
import type {
  InvitationInfo,
  Me,
  MfaEnabled,
  MfaSetup,
  SessionSummary,
  SignInResult,
} from '@carecast/shared/contracts';
import { CurrentSession, Meta, Public, SignedIn, SignInRateLimit } from './access';
import { clearSessionCookies, setSessionCookies } from './cookies';
import {
  AcceptInvitationDto,
  CompleteResetDto,
  EmailDto,
  MfaCodeDto,
  SignInDto,
  SwitchOrganisationDto,
} from './identity.dto';
import { UuidParamPipe } from '../http/uuid-param.pipe';

const ANY_STAGE = ['mfa_pending', 'mfa_enrolment', 'active'] as const;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly resets: PasswordResetService,
    private readonly invitations: InvitationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return this.config.http.publicUrl.startsWith('https:');
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOperation({
    summary:
      'Sign in with email and password. Sets the session cookie; the result says whether an MFA code is needed next.',
  })
  async signIn(
    @Body() dto: SignInDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResult> {
    const { result, issued } = await this.auth.signIn(dto.email, dto.password, meta);
    setSessionCookies(res, issued, this.secureCookies);
    return result;
  }

  @Post('mfa/verify')
  @SignedIn(['mfa_pending'])
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOperation({ summary: 'Second sign-in step: a code from the authenticator app, or a recovery code.' })
  verifyMfa(
    @CurrentSession() session: AuthSession,
    @Body() dto: MfaCodeDto,
    @Meta() meta: RequestMeta,
  ): Promise<SignInResult> {
    return this.auth.verifyMfa(session, dto.code, meta);
  }

  @Post('sign-out')
  @SignedIn([...ANY_STAGE])
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session.' })
  async signOut(
    @CurrentSession() session: AuthSession,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.signOut(session, meta);
    clearSessionCookies(res, this.secureCookies);
  }

  @Post('sign-out-everywhere')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session of your account, on every device.' })
  async signOutEverywhere(
    @CurrentSession() session: AuthSession,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.signOutEverywhere(session, meta);
    clearSessionCookies(res, this.secureCookies);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'Who is signed in, in which organisation, with which roles and permissions.' })
  me(@CurrentSession() session: AuthSession): Promise<Me> {
    return this.auth.meOf(session.user.id, session.sessionId);
  }

  @Post('switch-organisation')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Work in another organisation you belong to (403 mfa_required if it requires MFA and you have none yet).',
  })
  switchOrganisation(
    @CurrentSession() session: AuthSession,
    @Body() dto: SwitchOrganisationDto,
    @Meta() meta: RequestMeta,
  ): Promise<Me> {
    return this.auth.switchOrganisation(session, dto.organisationId, meta);
  }

  @Get('sessions')
  @SignedIn()
  @ApiOperation({ summary: 'Your signed-in sessions.' })
  mySessions(@CurrentSession() session: AuthSession): Promise<SessionSummary[]> {
    return this.sessions.list(session.user.id, session.sessionId);
  }

  @Delete('sessions/:id')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out one of your sessions (e.g. a lost phone).' })
  revokeMySession(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    return this.sessions.revokeOwn(session.user.id, id, actorOf(session, meta));
  }

  @Post('mfa/setup')
  @SignedIn(['mfa_enrolment', 'active'])
  @HttpCode(200)
  @ApiOperation({ summary: 'Start setting up an authenticator app: returns the secret to add to it.' })
  mfaSetup(@CurrentSession() session: AuthSession): Promise<MfaSetup> {
    return this.mfa.setup(session.user.id);
  }

  @Post('mfa/enable')
  @SignedIn(['mfa_enrolment', 'active'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the app with a code; turns MFA on and returns recovery codes (shown once).',
  })
  async mfaEnable(
    @CurrentSession() session: AuthSession,
    @Body() dto: MfaCodeDto,
    @Meta() meta: RequestMeta,
  ): Promise<MfaEnabled> {
    const recoveryCodes = await this.mfa.enable(session.user.id, dto.code, actorOf(session, meta));
    if (session.stage === 'mfa_enrolment') await this.sessions.setStage(session.sessionId, 'active');
    return { recoveryCodes, me: await this.auth.meOf(session.user.id, session.sessionId) };
  }

  @Post('mfa/disable')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn MFA off (not allowed where an organisation of yours requires it).' })
  mfaDisable(
    @CurrentSession() session: AuthSession,
    @Body() dto: MfaCodeDto,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    return this.mfa.disable(session.user.id, dto.code, actorOf(session, meta));
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @SignInRateLimit()
  @ApiOperation({
    summary: 'Email a reset link if the address has an account (the answer is the same either way).',
  })
  async requestReset(@Body() dto: EmailDto, @Meta() meta: RequestMeta): Promise<{ message: string }> {
    await this.resets.request(dto.email, meta);
    return { message: 'If that address has an account, we sent it a link to choose a new password.' };
  }

  @Post('password-reset/complete')
  @Public()
  @HttpCode(204)
  @SignInRateLimit()
  @ApiOperation({
    summary: 'Choose a new password with the emailed link; ends every session of the account.',
  })
  completeReset(@Body() dto: CompleteResetDto, @Meta() meta: RequestMeta): Promise<void> {
    return this.resets.complete(dto.token, dto.password, meta);
  }

  @Get('invitations/:token')
  @Public()
  @SignInRateLimit()
  @ApiOperation({ summary: 'What an invitation link is for.' })
  invitation(@Param('token') token: string): Promise<InvitationInfo> {
    return this.invitations.invitation(token);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @SignInRateLimit()
  @ApiOperation({ summary: 'Accept an invitation and sign in.' })
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResult> {
    const { result, issued } = await this.invitations.accept(dto.token, dto.displayName, dto.password, meta);
    setSessionCookies(res, issued, this.secureCookies);
    return result;
  }
}
