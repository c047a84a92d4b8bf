import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { Clock, ConflictError, NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { MemberSummary, Role, SessionSummary } from '@carecast/shared/contracts';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository, type MemberRow } from './identity.repository';
import { assertRoles } from './member-roles';
import { SessionService } from './session.service';

const summary = (m: MemberRow): MemberSummary => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
  roles: m.roles,
  status: m.status,
  mfaEnabled: m.mfaEnabled,
  lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
});

/**
 * The people of an organisation: roles, deactivation, their sessions in it. (Invitations and
 * their acceptance: InvitationService.)
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async list(organisationId: string): Promise<MemberSummary[]> {
    return (await this.identity.members(organisationId)).map(summary);
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

  /**
   * Deactivate a member (their sessions here end at once) or reactivate one. Deactivating an
   * invitation withdraws it (its link stops working); it can then be sent again, but never
   * reactivated: only the invitee makes a membership active, by accepting.
   */
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
      if (active && !current.joinedAt)
        throw new ConflictError(
          'They have not accepted the invitation: send them a new one instead of reactivating.',
        );
      if (!active && current.roles.includes('admin') && current.status === 'active')
        await this.assertNotLastAdmin(ctx.organisationId, tx);
      await this.identity.upsertMembership({ ...current, status }, tx);
      if (!current.joinedAt)
        await this.credentials.voidTokens(userId, 'invitation', ctx.organisationId, this.clock.now(), tx);
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

  /** The member's live sessions opened in (acting in) this organisation; none elsewhere. */
  async sessionsOf(organisationId: string, userId: string): Promise<SessionSummary[]> {
    await this.member(organisationId, userId);
    return this.sessions.listIn(organisationId, userId);
  }

  /** End the member's sessions in this organisation; their sessions elsewhere are not ours to end. */
  async signOutEverywhere(ctx: AuditContext & { organisationId: string }, userId: string): Promise<void> {
    await this.member(ctx.organisationId, userId);
    await this.db.run(async (tx) => {
      const ended = await this.sessions.revokeAllOf(userId, 'signed_out_by_admin', ctx.organisationId, tx);
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
}
