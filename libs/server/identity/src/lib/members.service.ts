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
import {
  ROLES,
  type InvitationCreated,
  type InvitationInfo,
  type MemberSummary,
  type Role,
  type SessionSummary,
} from '@carecast/shared/contracts';
import { AuthService, type SignInOutcome } from './auth.service';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository, type MemberRow } from './identity.repository';
import type { RequestMeta } from './identity.types';
import { Mailer } from './mailer';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import { randomToken, tokenHash } from './tokens';

const INVITATION_DAYS = 7;

const summary = (m: MemberRow): MemberSummary => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
  roles: m.roles,
  status: m.status,
  mfaEnabled: m.mfaEnabled,
  lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
});

function assertRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (!unique.length || unique.some((r) => !ROLES.includes(r))) {
    throw new ValidationError('Choose at least one role.', [
      { field: 'roles', rule: 'roles', message: `Each role must be one of ${ROLES.join(', ')}.` },
    ]);
  }
  return unique;
}

/** The people of an organisation: invitations, roles, deactivation, their sessions. */
@Injectable()
export class MembersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(organisationId: string): Promise<MemberSummary[]> {
    return (await this.identity.members(organisationId)).map(summary);
  }

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
      if (existing?.status === 'deactivated')
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
    await this.mailer.send({
      to: address,
      subject: `You are invited to ${organisation.name} on Carecast`,
      text:
        `${ctx.actorLabel} invited you to join ${organisation.name} on Carecast.\n\n` +
        `Accept the invitation (the link works once, for ${INVITATION_DAYS} days):\n` +
        `${this.config.http.publicUrl}/accept-invitation?token=${token}\n`,
    });
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
      if (!(await this.credentials.consumeToken(found.id, this.clock.now(), tx))) {
        throw new NotFoundError('This invitation link was already used.');
      }
      if (hash) await this.identity.setPassword(user.id, hash, displayName?.trim(), tx);
      const membership = await this.identity.membership(organisationId, user.id, tx);
      if (!membership || membership.status !== 'invited')
        throw new NotFoundError('This invitation was withdrawn.');
      await this.identity.upsertMembership({ ...membership, status: 'active' }, tx);
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
    return this.auth.signIn(user.email, password, meta);
  }

  async changeRoles(
    ctx: AuditContext & { organisationId: string },
    userId: string,
    roles: Role[],
  ): Promise<MemberSummary> {
    const wanted = assertRoles(roles);
    await this.db.run(async (tx) => {
      const current = await this.identity.membership(ctx.organisationId, userId, tx);
      if (!current) throw new NotFoundError('No such member.');
      if (current.roles.includes('admin') && !wanted.includes('admin') && current.status === 'active') {
        await this.assertNotLastAdmin(ctx.organisationId, tx);
      }
      await this.identity.upsertMembership({ ...current, roles: wanted }, tx);
      await this.audit.record(
        ctx,
        {
          action: 'member.roles_changed',
          entityType: 'user',
          entityId: userId,
          before: { roles: current.roles },
          after: { roles: wanted },
        },
        tx,
      );
    });
    return this.member(ctx.organisationId, userId);
  }

  async setActive(
    ctx: AuditContext & { organisationId: string },
    userId: string,
    active: boolean,
  ): Promise<MemberSummary> {
    if (!active && userId === ctx.actorUserId) {
      throw new ValidationError('You cannot deactivate yourself.', [
        { field: 'userId', rule: 'notSelf', message: 'Ask another administrator.' },
      ]);
    }
    await this.db.run(async (tx) => {
      const current = await this.identity.membership(ctx.organisationId, userId, tx);
      if (!current) throw new NotFoundError('No such member.');
      const status = active ? 'active' : 'deactivated';
      if (current.status === status) return;
      if (!active && current.roles.includes('admin')) await this.assertNotLastAdmin(ctx.organisationId, tx);
      if (active && current.status === 'invited')
        throw new ConflictError('The invitation has not been accepted yet.');
      await this.identity.upsertMembership({ ...current, status }, tx);
      const ended = active
        ? 0
        : await this.sessions.revokeAllOf(userId, 'deactivated', ctx.organisationId, tx);
      await this.audit.record(
        ctx,
        {
          action: active ? 'member.reactivated' : 'member.deactivated',
          entityType: 'user',
          entityId: userId,
          before: { status: current.status },
          after: { status, sessionsEnded: ended },
        },
        tx,
      );
    });
    return this.member(ctx.organisationId, userId);
  }

  async sessionsOf(organisationId: string, userId: string): Promise<SessionSummary[]> {
    await this.member(organisationId, userId);
    return this.sessions.list(userId, null);
  }

  async signOutEverywhere(ctx: AuditContext & { organisationId: string }, userId: string): Promise<void> {
    await this.member(ctx.organisationId, userId);
    await this.db.run(async (tx) => {
      const ended = await this.sessions.revokeAllOf(userId, 'signed_out_by_admin', undefined, tx);
      await this.audit.record(
        ctx,
        {
          action: 'member.signed_out_everywhere',
          entityType: 'user',
          entityId: userId,
          after: { sessionsEnded: ended },
        },
        tx,
      );
    });
  }

  private async member(organisationId: string, userId: string): Promise<MemberSummary> {
    const found = (await this.identity.members(organisationId)).find((m) => m.userId === userId);
    if (!found) throw new NotFoundError('No such member.');
    return summary(found);
  }

  private async assertNotLastAdmin(
    organisationId: string,
    tx: Parameters<IdentityRepository['countActiveAdmins']>[1],
  ) {
    if ((await this.identity.countActiveAdmins(organisationId, tx)) <= 1) {
      throw new ValidationError('An organisation needs at least one active administrator.', [
        { field: 'roles', rule: 'lastAdmin', message: 'Make someone else an administrator first.' },
      ]);
    }
  }

  private async validToken(token: string) {
    const found = await this.credentials.tokenByHash(tokenHash(token ?? ''), 'invitation');
    if (!found || found.usedAt || found.expiresAt <= this.clock.now() || !found.organisationId) {
      throw new NotFoundError('This invitation link is not valid any more. Ask for a new invitation.');
    }
    return found;
  }
}
