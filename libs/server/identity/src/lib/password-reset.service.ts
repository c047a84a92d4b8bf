import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock, NotFoundError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository } from './identity.repository';
import type { RequestMeta } from './identity.types';
import { Mailer } from './mailer';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import { randomToken, tokenHash } from './tokens';

const RESET_MINUTES = 60;

/** "Forgot password": an emailed single-use link, valid for an hour. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Always looks the same to the caller, whether or not the address has an account. */
  async request(email: string, meta: RequestMeta): Promise<void> {
    const user = await this.identity.userByEmail(email);
    if (!user?.passwordHash) return;
    const token = randomToken();
    const now = this.clock.now();
    await this.db.run(async (tx) => {
      await this.credentials.voidTokens(user.id, 'password_reset', null, now, tx);
      await this.credentials.createToken(
        {
          tokenHash: tokenHash(token),
          purpose: 'password_reset',
          userId: user.id,
          organisationId: null,
          createdBy: null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
        },
        tx,
      );
    });
    for (const o of await this.identity.activeOrganisationsOf(user.id)) {
      await this.audit.record(
        { organisationId: o.id, actorUserId: user.id, actorLabel: user.email, ...meta },
        { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id },
      );
    }
    await this.mailer.send({
      to: user.email,
      subject: 'Reset your Carecast password',
      text:
        `Someone (hopefully you) asked to reset the password of ${user.email}.\n\n` +
        `Choose a new password (the link works once, for ${RESET_MINUTES} minutes):\n` +
        `${this.config.http.publicUrl}/reset-password?token=${token}\n\n` +
        'If you did not ask for this, ignore this email: your password stays the same.\n',
    });
  }

  /** Set the new password and end every session of the account. */
  async complete(token: string, password: string, meta: RequestMeta): Promise<void> {
    const found = await this.credentials.tokenByHash(tokenHash(token ?? ''), 'password_reset');
    const now = this.clock.now();
    if (!found || found.usedAt || found.expiresAt <= now) {
      throw new NotFoundError('This reset link is not valid any more. Ask for a new one.');
    }
    const user = await this.identity.userById(found.userId);
    if (!user) throw new NotFoundError('This reset link is not valid any more. Ask for a new one.');
    this.passwords.assertAcceptable(password, [user.email, user.displayName]);
    const hash = await this.passwords.hash(password);
    await this.db.run(async (tx) => {
      if (!(await this.credentials.consumeToken(found.id, now, tx)))
        throw new NotFoundError('This reset link was already used.');
      await this.identity.setPassword(user.id, hash, undefined, tx);
      const ended = await this.sessions.revokeAllOf(user.id, 'password_reset', undefined, tx);
      for (const o of await this.identity.activeOrganisationsOf(user.id, tx)) {
        await this.audit.record(
          { organisationId: o.id, actorUserId: user.id, actorLabel: user.email, ...meta },
          {
            action: 'auth.password_reset',
            entityType: 'user',
            entityId: user.id,
            after: { sessionsEnded: ended },
          },
          tx,
        );
      }
    });
  }
}
