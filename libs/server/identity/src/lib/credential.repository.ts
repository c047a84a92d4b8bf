import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';

export type OneTimePurpose = 'invitation' | 'password_reset';

export interface OneTimeToken {
  id: string;
  purpose: OneTimePurpose;
  userId: string;
  organisationId: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** Invitation and reset tokens, MFA recovery codes, and sign-in failure counters. */
@Injectable()
export class CredentialRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async createToken(
    t: {
      tokenHash: string;
      purpose: OneTimePurpose;
      userId: string;
      organisationId: string | null;
      createdBy: string | null;
      createdAt: Date;
      expiresAt: Date;
    },
    tx?: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `INSERT INTO one_time_token (token_hash, purpose, user_id, organisation_id, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [t.tokenHash, t.purpose, t.userId, t.organisationId, t.createdBy, t.createdAt, t.expiresAt],
    );
  }

  async tokenByHash(tokenHash: string, purpose: OneTimePurpose, tx?: Tx): Promise<OneTimeToken | null> {
    const [r] = await this.q<{
      id: string;
      purpose: OneTimePurpose;
      user_id: string;
      organisation_id: string | null;
      expires_at: Date;
      used_at: Date | null;
    }>(tx, `SELECT * FROM one_time_token WHERE token_hash = $1 AND purpose = $2`, [tokenHash, purpose]);
    return r
      ? {
          id: r.id,
          purpose: r.purpose,
          userId: r.user_id,
          organisationId: r.organisation_id,
          expiresAt: r.expires_at,
          usedAt: r.used_at,
        }
      : null;
  }

  /** Mark a token used; false if it was used meanwhile (single use even under races). */
  async consumeToken(id: string, at: Date, tx?: Tx): Promise<boolean> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE one_time_token SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length === 1;
  }

  /** Void the unused tokens of a purpose for a user (a new invitation replaces the old one). */
  async voidTokens(
    userId: string,
    purpose: OneTimePurpose,
    organisationId: string | null,
    at: Date,
    tx?: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `UPDATE one_time_token SET used_at = $4 WHERE user_id = $1 AND purpose = $2
       AND organisation_id IS NOT DISTINCT FROM $3 AND used_at IS NULL`,
      [userId, purpose, organisationId, at],
    );
  }

  async replaceRecoveryCodes(userId: string, hashes: string[], tx?: Tx): Promise<void> {
    await this.q(tx, `DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    for (const h of hashes) {
      await this.q(tx, `INSERT INTO recovery_code (user_id, code_hash) VALUES ($1, $2)`, [userId, h]);
    }
  }

  async useRecoveryCode(userId: string, hash: string, at: Date, tx?: Tx): Promise<boolean> {
    const rows = await this.q<{ user_id: string }>(
      tx,
      `UPDATE recovery_code SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [userId, hash, at],
    );
    return rows.length === 1;
  }

  async throttle(key: string): Promise<ThrottleState | null> {
    const [r] = await this.q<{ failures: number; window_started_at: Date; locked_until: Date | null }>(
      undefined,
      `SELECT * FROM sign_in_throttle WHERE key = $1`,
      [key],
    );
    return r
      ? { failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil: r.locked_until }
      : null;
  }

  /**
   * Count a failure in a window of `windowMs`; lock the key for `lockMs` on reaching `limit`.
   * Returns the state after counting.
   */
  async recordFailure(
    key: string,
    now: Date,
    windowMs: number,
    limit: number,
    lockMs: number,
  ): Promise<ThrottleState> {
    const [r] = await this.q<{ failures: number; window_started_at: Date; locked_until: Date | null }>(
      undefined,
      `INSERT INTO sign_in_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < $2 - make_interval(secs => $3 / 1000.0) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < $2 - make_interval(secs => $3 / 1000.0) THEN $2 ELSE t.window_started_at END
       RETURNING *`,
      [key, now, windowMs],
    );
    let lockedUntil = r.locked_until;
    if (r.failures >= limit) {
      lockedUntil = new Date(now.getTime() + lockMs);
      await this.q(
        undefined,
        `UPDATE sign_in_throttle SET locked_until = $2, failures = 0, window_started_at = $3 WHERE key = $1`,
        [key, lockedUntil, now],
      );
    }
    return { failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil };
  }

  async clearThrottle(key: string): Promise<void> {
    await this.q(undefined, `DELETE FROM sign_in_throttle WHERE key = $1`, [key]);
  }
}
