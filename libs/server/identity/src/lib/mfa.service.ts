import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import {
  Clock,
  ConflictError,
  SecretBox,
  UnauthenticatedError,
  ValidationError,
} from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { MfaSetup } from '@carecast/shared/contracts';
import { CredentialRepository } from './credential.repository';
import { IdentityRepository } from './identity.repository';
import { normaliseRecoveryCode, recoveryCode, tokenHash } from './tokens';

const RECOVERY_CODES = 10;
/** Accept the previous and next 30-second step too: phones' clocks drift. */
const TOLERANCE_SECONDS = 30;

/** TOTP two-step sign-in (otplib) with single-use recovery codes. */
@Injectable()
export class MfaService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly credentials: CredentialRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Start enrolment: a new secret, kept encrypted until a code proves the app has it. */
  async setup(userId: string): Promise<MfaSetup> {
    const user = await this.identity.userById(userId);
    if (!user) throw new UnauthenticatedError('Sign in to continue.');
    if (user.mfaEnabledAt)
      throw new ConflictError('Two-step sign-in is already on. Turn it off first to change devices.');
    const secret = generateSecret();
    await this.identity.setMfa(userId, this.secrets.encrypt(secret, this.context(userId)), null);
    return { secret, otpauthUrl: generateURI({ issuer: 'Carecast', label: user.email, secret }) };
  }

  /** Finish enrolment with a code from the app; returns recovery codes, shown once. */
  async enable(userId: string, code: string, ctx: AuditContext): Promise<string[]> {
    const user = await this.identity.userById(userId);
    if (!user?.mfaSecret)
      throw new ConflictError('Start the set-up first: no authenticator secret is waiting.');
    if (user.mfaEnabledAt) throw new ConflictError('Two-step sign-in is already on.');
    const step = this.totpStep(this.secrets.decrypt(user.mfaSecret, this.context(userId)), code, null);
    if (step === null) {
      throw new ValidationError('That code is not right. Enter the 6-digit code your app shows now.', [
        { field: 'code', rule: 'totp', message: 'The code does not match.' },
      ]);
    }
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.db.run(async (tx) => {
      await this.identity.setMfa(userId, user.mfaSecret, this.clock.now(), tx);
      await this.identity.claimMfaStep(userId, step, tx);
      await this.credentials.replaceRecoveryCodes(
        userId,
        codes.map((c) => tokenHash(normaliseRecoveryCode(c))),
        tx,
      );
      await this.audit.record(
        ctx,
        { action: 'auth.mfa_enabled', entityType: 'user', entityId: userId, after: { mfa: true } },
        tx,
      );
    });
    return codes;
  }

  async disable(userId: string, code: string, ctx: AuditContext): Promise<void> {
    const required = (await this.identity.activeOrganisationsOf(userId)).filter((o) => o.mfaRequired);
    if (required.length) {
      throw new ValidationError(
        `${required[0].name} requires two-step sign-in, so it cannot be turned off.`,
        [{ field: 'code', rule: 'mfaRequired', message: 'Your organisation requires two-step sign-in.' }],
      );
    }
    if (!(await this.check(userId, code, ctx))) {
      throw new ValidationError('That code is not right.', [
        { field: 'code', rule: 'totp', message: 'The code does not match.' },
      ]);
    }
    await this.db.run(async (tx) => {
      await this.identity.setMfa(userId, null, null, tx);
      await this.credentials.replaceRecoveryCodes(userId, [], tx);
      await this.audit.record(
        ctx,
        { action: 'auth.mfa_disabled', entityType: 'user', entityId: userId, after: { mfa: false } },
        tx,
      );
    });
  }

  /** True for a current TOTP code not used before, or an unused recovery code (then spent). */
  async check(userId: string, code: string, ctx: AuditContext): Promise<boolean> {
    const user = await this.identity.userById(userId);
    if (!user?.mfaSecret || !user.mfaEnabledAt) return false;
    const trimmed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const step = this.totpStep(
        this.secrets.decrypt(user.mfaSecret, this.context(userId)),
        trimmed,
        user.mfaLastUsedStep,
      );
      return step !== null && (await this.identity.claimMfaStep(userId, step));
    }
    const used = await this.credentials.useRecoveryCode(
      userId,
      tokenHash(normaliseRecoveryCode(code)),
      this.clock.now(),
    );
    if (used)
      await this.audit.record(ctx, {
        action: 'auth.recovery_code_used',
        entityType: 'user',
        entityId: userId,
      });
    return used;
  }

  /** Re-encrypt MFA secrets made with an older key; returns how many. */
  rotateSecrets(): Promise<number> {
    return this.db.run(async (tx) => {
      let count = 0;
      for (const row of await this.identity.mfaSecrets(tx)) {
        if (!this.secrets.needsRotation(row.mfaSecret)) continue;
        const plain = this.secrets.decrypt(row.mfaSecret, this.context(row.id));
        await this.identity.replaceMfaSecret(row.id, this.secrets.encrypt(plain, this.context(row.id)), tx);
        count++;
      }
      return count;
    });
  }

  private totpStep(secret: string, code: string, afterStep: number | null): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    const result = verifySync({
      secret,
      token: code,
      epoch,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    // A TOTP result carries the time step it matched (used against replay).
    const step = (result as { timeStep?: number }).timeStep;
    return result.valid && typeof step === 'number' ? step : null;
  }

  private context(userId: string): string {
    return `user:${userId}:mfa`;
  }
}
