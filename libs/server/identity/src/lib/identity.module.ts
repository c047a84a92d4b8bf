import { Module } from '@nestjs/common';
import { AuditModule } from '@carecast/server/audit';
import { AuthService } from './auth.service';
import { CredentialRepository } from './credential.repository';
import { DemoDataService } from './demo-data.service';
import { IdentityRepository } from './identity.repository';
import { InvitationService } from './invitation.service';
import { Mailer, NodemailerMailer } from './mailer';
import { MembersService } from './members.service';
import { MfaService } from './mfa.service';
import { OrganisationService } from './organisation.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';

/** Organisations, users, roles, sessions and MFA. Needs the config, core and database modules. */
@Module({
  imports: [AuditModule],
  providers: [
    IdentityRepository,
    SessionRepository,
    CredentialRepository,
    PasswordService,
    SessionService,
    SignInThrottle,
    MfaService,
    AuthService,
    MembersService,
    InvitationService,
    PasswordResetService,
    OrganisationService,
    DemoDataService,
    { provide: Mailer, useClass: NodemailerMailer },
  ],
  exports: [
    AuthService,
    SessionService,
    MfaService,
    MembersService,
    InvitationService,
    PasswordResetService,
    OrganisationService,
    DemoDataService,
    AuditModule,
  ],
})
export class IdentityModule {}
