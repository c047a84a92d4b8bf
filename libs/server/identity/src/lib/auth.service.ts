import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { Clock, ForbiddenError, NotFoundError, UnauthenticatedError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { permissionsOf, type Me, type Role, type SignInResult } from '@carecast/shared/contracts';
import { IdentityRepository } from './identity.repository';
import type { AuthSession, Organisation, RequestMeta, SessionStage, User } from './identity.types';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { idleTimeoutMinutes, SessionService, type IssuedSession } from './session.service';
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, SignInThrottle, throttleKeys } from './sign-in-throttle';

const INVALID_CREDENTIALS = 'The email or password is not right.';

export interface SignInOutcome {
  result: SignInResult;
  issued: IssuedSession;
}

/** The audit context of an action taken by a signed-in session. */
export function actorOf(session: AuthSession, meta: RequestMeta): AuditContext {
  return {
    organisationId: session.organisation.id,
    actorUserId: session.user.id,
    actorLabel: session.user.email,
    ...meta,
  };
}

/** Signing in and out, the MFA step, switching organisation, and who-am-I. */
@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Check email and password. Unknown email and wrong password answer identically (same error,
   * same work: a hash is verified either way), and both count towards the lock.
   */
  async signIn(
    email: string,
    password: string,
    meta: RequestMeta,
    /** Where to land if they are a member there (an invitation just accepted). */
    preferredOrganisationId?: string,
  ): Promise<SignInOutcome> {
    const keys = throttleKeys(email, meta.ip);
    await this.throttle.assertAllowed([keys.account, keys.ip]);
    const user = await this.identity.userByEmail(email);
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, password);
    const organisations = user && passwordOk ? await this.identity.activeOrganisationsOf(user.id) : [];
    if (!user || !passwordOk || organisations.length === 0) {
      const lockedAccount = await this.throttle.fail(keys.account, ACCOUNT_FAILURE_LIMIT);
      await this.throttle.fail(keys.ip, IP_FAILURE_LIMIT);
      await this.recordFailure(user, email, meta, lockedAccount);
      throw new UnauthenticatedError(INVALID_CREDENTIALS, 'invalid_credentials');
    }
    await this.throttle.clear(keys.account);
    // Back where they worked last; else where they joined first.
    const last = await this.sessions.lastOrganisationOf(user.id);
    const firstJoined = [...organisations].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0];
    const organisation =
      organisations.find((o) => o.id === preferredOrganisationId) ??
      organisations.find((o) => o.id === last) ??
      firstJoined;
    const stage = this.stageFor(user, organisation);
    const issued = await this.db.run(async (tx) => {
      const session = await this.sessions.issue(user.id, organisation.id, stage, meta, tx);
      if (stage === 'active') await this.identity.touchSignIn(user.id, this.clock.now(), tx);
      await this.audit.record(
        { organisationId: organisation.id, actorUserId: user.id, actorLabel: user.email, ...meta },
        {
          action: stage === 'active' ? 'auth.signed_in' : 'auth.password_accepted',
          entityType: 'session',
          entityId: session.sessionId,
          after: { stage },
        },
        tx,
      );
      return session;
    });
    const result: SignInResult =
      stage === 'active'
        ? { status: 'signed_in', me: await this.meOf(user.id, issued.sessionId) }
        : { status: stage === 'mfa_pending' ? 'mfa_required' : 'mfa_enrolment_required' };
    return { result, issued };
  }

  /** Second step: a TOTP code or an unused recovery code. */
  async verifyMfa(session: AuthSession, code: string, meta: RequestMeta): Promise<SignInResult> {
    if (session.stage !== 'mfa_pending') throw new ForbiddenError('No authentication code is expected now.');
    const key = `mfa:${session.user.id}`;
    await this.throttle.assertAllowed([key]);
    const ok = await this.mfa.check(session.user.id, code, actorOf(session, meta));
    if (!ok) {
      await this.throttle.fail(key, ACCOUNT_FAILURE_LIMIT);
      await this.audit.record(actorOf(session, meta), {
        action: 'auth.mfa_failed',
        entityType: 'session',
        entityId: session.sessionId,
      });
      throw new UnauthenticatedError(
        'That code is not right, or was already used. Enter the current code from your app.',
        'invalid_code',
      );
    }
    await this.throttle.clear(key);
    await this.db.run(async (tx) => {
      await this.sessions.setStage(session.sessionId, 'active', tx);
      await this.identity.touchSignIn(session.user.id, this.clock.now(), tx);
      await this.audit.record(
        actorOf(session, meta),
        {
          action: 'auth.signed_in',
          entityType: 'session',
          entityId: session.sessionId,
          after: { mfa: true },
        },
        tx,
      );
    });
    return { status: 'signed_in', me: await this.meOf(session.user.id, session.sessionId) };
  }

  async signOut(session: AuthSession, meta: RequestMeta): Promise<void> {
    await this.db.run(async (tx) => {
      await this.sessions.revoke(session.sessionId, 'signed_out', tx);
      await this.audit.record(
        actorOf(session, meta),
        { action: 'auth.signed_out', entityType: 'session', entityId: session.sessionId },
        tx,
      );
    });
  }

  async signOutEverywhere(session: AuthSession, meta: RequestMeta): Promise<void> {
    await this.db.run(async (tx) => {
      const count = await this.sessions.revokeAllOf(session.user.id, 'signed_out_everywhere', undefined, tx);
      await this.audit.record(
        actorOf(session, meta),
        {
          action: 'auth.signed_out_everywhere',
          entityType: 'user',
          entityId: session.user.id,
          after: { sessionsEnded: count },
        },
        tx,
      );
    });
  }

  async switchOrganisation(session: AuthSession, organisationId: string, meta: RequestMeta): Promise<Me> {
    const user = await this.identity.userById(session.user.id);
    const target = (await this.identity.activeOrganisationsOf(session.user.id)).find(
      (o) => o.id === organisationId,
    );
    if (!user || !target) throw new NotFoundError('No such organisation.');
    if (target.mfaRequired && !user.mfaEnabledAt) {
      throw new ForbiddenError(
        `${target.name} requires two-step sign-in. Turn it on under Your account security, then switch.`,
        'mfa_required',
      );
    }
    await this.db.run(async (tx) => {
      await this.sessions.switchOrganisation(session.sessionId, target.id, 'active', tx);
      const ctx = { ...actorOf(session, meta), organisationId: target.id };
      await this.audit.record(
        ctx,
        {
          action: 'auth.organisation_switched',
          entityType: 'session',
          entityId: session.sessionId,
          before: { organisation: session.organisation.slug },
          after: { organisation: target.slug },
        },
        tx,
      );
    });
    return this.meOf(session.user.id, session.sessionId);
  }

  /** Who is signed in, where, with what permissions. */
  async meOf(userId: string, sessionId: string): Promise<Me> {
    const [user, organisations, session] = await Promise.all([
      this.identity.userById(userId),
      this.identity.activeOrganisationsOf(userId),
      this.sessions.get(sessionId),
    ]);
    const current = organisations.find((o) => o.id === session?.organisationId);
    if (!user || !session || session.revokedAt || !current) {
      throw new UnauthenticatedError('Your session has ended. Sign in again.');
    }
    const summary = (o: Organisation & { roles: Role[] }) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      timeZone: o.timeZone,
      roles: o.roles,
    });
    return {
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        mfaEnabled: user.mfaEnabledAt !== null,
      },
      organisation: summary(current),
      organisations: organisations.map(summary),
      roles: current.roles,
      permissions: permissionsOf(current.roles),
      session: {
        id: sessionId,
        expiresAt: session.expiresAt.toISOString(),
        idleTimeoutMinutes: idleTimeoutMinutes(current, current.roles),
      },
    };
  }

  private stageFor(user: User, organisation: Organisation): SessionStage {
    if (user.mfaEnabledAt) return 'mfa_pending';
    return organisation.mfaRequired ? 'mfa_enrolment' : 'active';
  }

  private async recordFailure(
    user: User | null,
    email: string,
    meta: RequestMeta,
    locked: boolean,
  ): Promise<void> {
    const action = locked ? 'auth.sign_in_locked' : 'auth.sign_in_failed';
    const attempted = { attemptedEmail: email.trim().toLowerCase().slice(0, 254) };
    const organisations = user ? await this.identity.activeOrganisationsOf(user.id) : [];
    const targets = organisations.length ? organisations.map((o) => o.id) : [null];
    for (const organisationId of targets) {
      await this.audit.record(
        { organisationId, actorUserId: user?.id ?? null, actorLabel: attempted.attemptedEmail, ...meta },
        { action, entityType: 'user', entityId: user?.id, after: attempted },
      );
    }
  }
}
