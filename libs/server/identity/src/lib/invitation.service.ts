import { Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import {
  Clock,
  ConflictError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { InvitationCreated, InvitationInfo, Role } from '@carecast/shared/contracts';
import { AuthService, type SignInOutcome } from './auth.service';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository } from './identity.repository';
import type { RequestMeta } from './identity.types';
import { Mailer, type MailMessage } from './mailer';
import { assertRoles } from './member-roles';
import { PasswordService } from './password.service';
import { randomToken, tokenHash } from './tokens';

const INVITATION_DAYS = 7;

/** The email that carries an invitation link. */
function invitationMail(to: string, inviter: string, organisationName: string, link: string): MailMessage {
  return {
    to,
    subject: `You are invited to ${organisationName} on Carecast`,
    text:
      `${inviter} invited you to join ${organisationName} on Carecast.\n\n` +
      `Accept the invitation (the link works once, for ${INVITATION_DAYS} days):\n` +
      `${link}\n`,
  };
}

/**
 * Invitations: an emailed single-use link, and its acceptance. An invitation is a membership
 * with the status `invited` that only the invitee can turn into an active one, by accepting.
 */
@Injectable()
export class InvitationService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invite an address. The answer is the same whether or not it already has an account
   * (elsewhere): nothing of that account is shown to the inviting organisation.
   */
  async invite(
    ctx: AuditContext & { organisationId: string },
    email: string,
    roles: Role[],
  ): Promise<InvitationCreated> {
    const address = email.trim().toLowerCase();
    const wanted = assertRoles(roles);
    const organisation = await this.identity.organisation(ctx.organisationId);
    if (!organisation) throw new NotFoundError('No such organisation.');
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    await this.db.run(async (tx) => {
      const user =
        (await this.identity.userByEmail(address, tx)) ??
        (await this.identity.createUser(
          { email: address, displayName: address.split('@')[0], passwordHash: null },
          tx,
        ));
      const existing = await this.identity.membership(ctx.organisationId, user.id, tx);
      if (existing?.status === 'active') throw new ConflictError(`${address} is already a member.`);
      // A deactivated member who had joined comes back by reactivation; a withdrawn invitation
      // (never accepted) may be sent again.
      if (existing?.status === 'deactivated' && existing.joinedAt)
        throw new ConflictError(`${address} was deactivated: reactivate them instead.`);
      await this.identity.upsertMembership(
        { organisationId: ctx.organisationId, userId: user.id, roles: wanted, status: 'invited' },
        tx,
      );
      await this.credentials.voidTokens(user.id, 'invitation', ctx.organisationId, now, tx);
      await this.credentials.createToken(
        {
          tokenHash: tokenHash(token),
          purpose: 'invitation',
          userId: user.id,
          organisationId: ctx.organisationId,
          createdBy: ctx.actorUserId,
          createdAt: now,
          expiresAt,
        },
        tx,
      );
      await this.audit.record(
        ctx,
        {
          action: 'member.invited',
          entityType: 'user',
          entityId: user.id,
          after: { email: address, roles: wanted, status: 'invited' },
        },
        tx,
      );
    });
    await this.mailer.send(
      invitationMail(
        address,
        ctx.actorLabel,
        organisation.name,
        `${this.config.http.publicUrl}/accept-invitation?token=${token}`,
      ),
    );
    return { email: address, roles: wanted, expiresAt: expiresAt.toISOString() };
  }

  /** What an invitation link is for (public: shown before accepting). */
  async invitation(token: string): Promise<InvitationInfo> {
    const found = await this.validToken(token);
    const [user, organisation] = await Promise.all([
      this.identity.userById(found.userId),
      this.identity.organisation(found.organisationId as string),
    ]);
    if (!user || !organisation) throw new NotFoundError('This invitation link is not valid any more.');
    return {
      email: user.email,
      organisationName: organisation.name,
      needsPassword: user.passwordHash === null,
    };
  }

  /**
   * Accept: a new person chooses a name and password; someone who already has an account proves
   * it with their password. Then they are signed in to the organisation.
   */
  async accept(
    token: string,
    displayName: string | undefined,
    password: string,
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const found = await this.validToken(token);
    const user = await this.identity.userById(found.userId);
    if (!user) throw new NotFoundError('This invitation link is not valid any more.');
    const organisationId = found.organisationId as string;
    const isNew = user.passwordHash === null;
    if (isNew) {
      if (!displayName?.trim()) {
        throw new ValidationError('Tell us your name.', [
          { field: 'displayName', rule: 'isNotEmpty', message: 'Enter your name.' },
        ]);
      }
      this.passwords.assertAcceptable(password, [user.email, displayName]);
    } else if (!(await this.passwords.verify(user.passwordHash, password))) {
      throw new UnauthenticatedError('That is not the password of this account.', 'invalid_credentials');
    }
    const hash = isNew ? await this.passwords.hash(password) : null;
    await this.db.run(async (tx) => {
      const now = this.clock.now();
      if (!(await this.credentials.consumeToken(found.id, now, tx))) {
        throw new NotFoundError('This invitation link was already used.');
      }
      if (hash) await this.identity.setPassword(user.id, hash, displayName?.trim(), tx);
      const membership = await this.identity.membership(organisationId, user.id, tx);
      if (!membership || membership.status !== 'invited')
        throw new NotFoundError('This invitation was withdrawn.');
      await this.identity.upsertMembership({ ...membership, status: 'active', joinedAt: now }, tx);
      await this.audit.record(
        { organisationId, actorUserId: user.id, actorLabel: user.email, ...meta },
        {
          action: 'member.joined',
          entityType: 'user',
          entityId: user.id,
          before: { status: 'invited' },
          after: { status: 'active' },
        },
        tx,
      );
    });
    return this.auth.signIn(user.email, password, meta, organisationId);
  }

  private async validToken(token: string) {
    const found = await this.credentials.tokenByHash(tokenHash(token ?? ''), 'invitation');
    if (!found || found.usedAt || found.expiresAt <= this.clock.now() || !found.organisationId) {
      throw new NotFoundError('This invitation link is not valid any more. Ask for a new invitation.');
    }
    return found;
  }
}
