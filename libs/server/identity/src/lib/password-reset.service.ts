import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock, NotFoundError, SecretBox } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import { JobProducer } from '@carecast/server/queue';
import { JobName, type PasswordResetMailJobData } from '@carecast/shared/contracts';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository } from './identity.repository';
import type { RequestMeta } from './identity.types';
import { Mailer } from './mailer';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';
import { derivedToken, randomToken, tokenHash } from './tokens';

const RESET_MINUTES = 60;
/** What the sealed address of a reset job is bound to (it opens for nothing else). */
const RESET_EMAIL_CONTEXT = 'password-reset-mail:email';

/** "Forgot password": an emailed single-use link, valid for an hour. */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly jobs: JobProducer,
    private readonly secrets: SecretBox,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Always looks the same to the caller, in what it answers and in how long it takes, whether
   * or not the address has an account: no lookup here, the same sealed job for every address,
   * handed to the queue without waiting (so neither Redis's round trip nor its being away shows).
   * The worker looks the address up, and makes and mails the link.
   */
  async request(email: string, meta: RequestMeta): Promise<void> {
    const job: PasswordResetMailJobData = {
      requestId: meta.requestId ?? 'password-reset',
      emailSealed: this.secrets.encrypt(email, RESET_EMAIL_CONTEXT),
      ip: meta.ip,
      userAgent: meta.userAgent,
      resetKey: randomToken(),
    };
    this.jobs
      .enqueue(JobName.PasswordResetMail, job, {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
      })
      .catch((err: unknown) =>
        this.logger.warn({ msg: 'password reset mail not queued', requestId: job.requestId, err }),
      );
  }

  /**
   * The worker's half: for an address with an account, a new single-use link (earlier ones stop
   * working), on record in each of its organisations, emailed. Nothing for an address without an
   * account, or an account without a password. A retry of the same job (the mail failed) mails the same link again, and records
   * nothing twice; once that link is used or expired, a retry sends nothing.
   */
  async sendLink(job: PasswordResetMailJobData): Promise<void> {
    const user = await this.identity.userByEmail(this.secrets.decrypt(job.emailSealed, RESET_EMAIL_CONTEXT));
    if (!user?.passwordHash) return;
    const meta: RequestMeta = { ip: job.ip, userAgent: job.userAgent, requestId: job.requestId };
    const token = job.resetKey
      ? derivedToken(
          this.config.encryption.keys[this.config.encryption.activeKeyId],
          'password-reset',
          job.resetKey,
        )
      : randomToken();
    const now = this.clock.now();
    const made = job.resetKey ? await this.credentials.tokenByHash(tokenHash(token), 'password_reset') : null;
    if (made && (made.usedAt || made.expiresAt <= now)) return;
    if (!made) await this.makeLink(user, token, now, meta);
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

  private async makeLink(user: { id: string; email: string }, token: string, now: Date, meta: RequestMeta) {
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
      for (const o of await this.identity.activeOrganisationsOf(user.id, tx)) {
        await this.audit.record(
          { organisationId: o.id, actorUserId: user.id, actorLabel: user.email, ...meta },
          { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id },
          tx,
        );
      }
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
