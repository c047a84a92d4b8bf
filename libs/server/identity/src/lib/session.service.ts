import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { Clock, NotFoundError, UnauthenticatedError } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import { PRIVILEGED_ROLES, permissionsOf, type Role, type SessionSummary } from '@carecast/shared/contracts';
import { IdentityRepository } from './identity.repository';
import type {
  AuthSession,
  Organisation,
  RequestMeta,
  SessionRow,
  SessionStage,
  User,
} from './identity.types';
import { SessionRepository } from './session.repository';
import { randomToken, tokenHash } from './tokens';

/** Absolute lifetime of a session: a fresh sign-in at least every 12 hours (NIST 800-63B). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Last-seen is written at most this often per session. */
const TOUCH_EVERY_MS = 15_000;

export interface IssuedSession {
  token: string;
  csrfToken: string;
  sessionId: string;
  expiresAt: Date;
}

export function idleTimeoutMinutes(org: Organisation, roles: readonly Role[]): number {
  return roles.some((r) => PRIVILEGED_ROLES.includes(r))
    ? org.idleTimeoutPrivilegedMinutes
    : org.idleTimeoutStandardMinutes;
}

/**
 * The stage a session is in under the organisation's policy as it is now: "MFA required" turned
 * on sends the signed-in sessions of members without MFA to enrolment (on their next request);
 * turned off again, a session waiting only for enrolment goes on.
 */
export function stageUnderPolicy(stage: SessionStage, organisation: Organisation, user: User): SessionStage {
  const needsEnrolment = organisation.mfaRequired && !user.mfaEnabledAt;
  if (stage === 'active' && needsEnrolment) return 'mfa_enrolment';
  if (stage === 'mfa_enrolment' && !organisation.mfaRequired && !user.mfaEnabledAt) return 'active';
  return stage;
}

/** Opaque server-side sessions: issue, authenticate (idle and absolute timeouts), list, revoke. */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly identity: IdentityRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
  ) {}

  async issue(
    userId: string,
    organisationId: string,
    stage: SessionStage,
    meta: RequestMeta,
    tx?: Tx,
  ): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.clock.now();
    const row = await this.sessions.create(
      {
        tokenHash: tokenHash(token),
        csrfHash: tokenHash(csrfToken),
        userId,
        organisationId,
        stage,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 400) ?? null,
      },
      tx,
    );
    return { token, csrfToken, sessionId: row.id, expiresAt: row.expiresAt };
  }

  /**
   * The session of a cookie token, or UnauthenticatedError saying why not. A `background`
   * request (the dashboard polling) does not count as activity for the idle timeout.
   */
  async authenticate(
    token: string | undefined,
    options: { background?: boolean; meta?: RequestMeta } = {},
  ): Promise<AuthSession> {
    if (!token) throw new UnauthenticatedError('Sign in to continue.');
    const row = await this.sessions.byTokenHash(tokenHash(token));
    if (!row || row.revokedAt) throw new UnauthenticatedError('Your session has ended. Sign in again.');
    const now = this.clock.now();
    if (now >= row.expiresAt) {
      await this.end(row, 'expired', options.meta);
      throw new UnauthenticatedError(
        'Your session reached its 12-hour limit. Sign in again.',
        'session_expired',
      );
    }
    const [user, organisation, membership] = await Promise.all([
      this.identity.userById(row.userId),
      this.identity.organisation(row.organisationId),
      this.identity.membership(row.organisationId, row.userId),
    ]);
    if (!user || !organisation || !membership || membership.status !== 'active') {
      await this.sessions.revoke(row.id, now, 'membership_inactive');
      throw new UnauthenticatedError('Your access to this organisation has ended. Sign in again.');
    }
    const idle = idleTimeoutMinutes(organisation, membership.roles);
    if (now.getTime() - row.lastSeenAt.getTime() > idle * 60_000) {
      await this.end(row, 'idle', options.meta, user.email);
      throw new UnauthenticatedError(
        `Your session ended after ${idle} minutes without activity. Sign in again to continue.`,
        'session_expired',
      );
    }
    if (!options.background && now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(row.id, now);
    }
    const stage = stageUnderPolicy(row.stage, organisation, user);
    if (stage !== row.stage) await this.sessions.update(row.id, { stage });
    return {
      sessionId: row.id,
      stage,
      csrfHash: row.csrfHash,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        mfaEnabled: user.mfaEnabledAt !== null,
      },
      organisation,
      roles: membership.roles,
      permissions: stage === 'active' ? permissionsOf(membership.roles) : [],
      idleTimeoutMinutes: idle,
      expiresAt: row.expiresAt,
    };
  }

  lastOrganisationOf(userId: string): Promise<string | null> {
    return this.sessions.lastOrganisationOf(userId);
  }

  /** Automatic log-off (HIPAA 164.312(a)(2)(iii)): revoke, and record it. */
  private async end(
    row: SessionRow,
    reason: 'idle' | 'expired',
    meta?: RequestMeta,
    email?: string,
  ): Promise<void> {
    await this.db.run(async (tx) => {
      await this.sessions.revoke(row.id, this.clock.now(), reason, tx);
      const label = email ?? (await this.identity.userById(row.userId, tx))?.email ?? row.userId;
      await this.audit.record(
        {
          organisationId: row.organisationId,
          actorUserId: row.userId,
          actorLabel: label,
          ip: null,
          userAgent: null,
          requestId: null,
          ...meta,
        },
        { action: 'auth.session_expired', entityType: 'session', entityId: row.id, after: { reason } },
        tx,
      );
    });
  }

  get(sessionId: string): Promise<SessionRow | null> {
    return this.sessions.byId(sessionId);
  }

  setStage(sessionId: string, stage: SessionStage, tx?: Tx): Promise<void> {
    return this.sessions.update(sessionId, { stage }, tx);
  }

  switchOrganisation(sessionId: string, organisationId: string, stage: SessionStage, tx?: Tx): Promise<void> {
    return this.sessions.update(sessionId, { organisationId, stage }, tx);
  }

  revoke(sessionId: string, reason: string, tx?: Tx): Promise<void> {
    return this.sessions.revoke(sessionId, this.clock.now(), reason, tx);
  }

  revokeAllOf(userId: string, reason: string, organisationId?: string, tx?: Tx): Promise<number> {
    return this.sessions.revokeAllOf(userId, this.clock.now(), reason, organisationId, tx);
  }

  /** Every live session of the user's own account, in any organisation. */
  async list(userId: string, currentSessionId: string | null): Promise<SessionSummary[]> {
    return this.summaries(await this.sessions.liveOf(userId, this.clock.now()), currentSessionId);
  }

  /** The user's live sessions acting in one organisation (what its administrators may see). */
  async listIn(organisationId: string, userId: string): Promise<SessionSummary[]> {
    return this.summaries(await this.sessions.liveOf(userId, this.clock.now(), organisationId), null);
  }

  private summaries(rows: SessionRow[], currentSessionId: string | null): SessionSummary[] {
    return rows.map((s) => ({
      id: s.id,
      current: s.id === currentSessionId,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
    }));
  }

  /** Revoke one of the user's own sessions; another user's id answers as not found. */
  async revokeOwn(userId: string, sessionId: string, ctx: AuditContext): Promise<void> {
    const live = await this.sessions.liveOf(userId, this.clock.now());
    if (!live.some((s) => s.id === sessionId)) throw new NotFoundError('No such session.');
    await this.db.run(async (tx) => {
      await this.sessions.revoke(sessionId, this.clock.now(), 'signed_out_remotely', tx);
      await this.audit.record(
        ctx,
        { action: 'auth.session_revoked', entityType: 'session', entityId: sessionId },
        tx,
      );
    });
  }
}
