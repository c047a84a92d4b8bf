import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import { RetryableError } from './channel-errors';

/** PostgreSQL's lock_not_available: the lock was not granted within lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

/** The encrypted credentials column of channels (the rest of the channel arrives with its API). */
@Injectable()
export class ChannelCredentialsRepository {
  constructor(private readonly db: TransactionRunner) {}

  async get(channelId: string, tx?: Tx): Promise<string | null> {
    const [r] = await sqlRows<{ credentials: string | null }>(
      tx ?? this.db.manager,
      `SELECT credentials FROM channel WHERE id = $1`,
      [channelId],
    );
    return r?.credentials ?? null;
  }

  async set(channelId: string, envelope: string, tx?: Tx): Promise<void> {
    await sqlRows(
      tx ?? this.db.manager,
      `UPDATE channel SET credentials = $2, updated_at = now() WHERE id = $1`,
      [channelId, envelope],
    );
  }

  /**
   * The envelope, its channel row locked until `tx` ends: one renewal of a channel's credentials
   * at a time, across workers. NO KEY UPDATE, so rows that refer to the channel can still be added.
   * Waits at most `lockWaitMs` for another holder (for the rest of `tx`, every lock it takes):
   * then a RetryableError, so a stuck holder never stalls the caller and its connection for ever.
   */
  async getForUpdate(channelId: string, tx: Tx, lockWaitMs: number): Promise<string | null> {
    await sqlRows(tx, `SELECT set_config('lock_timeout', $1, true)`, [`${Math.ceil(lockWaitMs)}ms`]);
    try {
      const [r] = await sqlRows<{ credentials: string | null }>(
        tx,
        `SELECT credentials FROM channel WHERE id = $1 FOR NO KEY UPDATE`,
        [channelId],
      );
      return r?.credentials ?? null;
    } catch (err) {
      if ((err as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw err;
      throw new RetryableError(
        "Another worker is renewing this channel's credentials and has not finished: try again shortly.",
        lockWaitMs,
      );
    }
  }

  /** Store `envelope` only if `expected` is still the stored one; whether it was stored. */
  async replace(channelId: string, expected: string, envelope: string): Promise<boolean> {
    const rows = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE channel SET credentials = $3, updated_at = now() WHERE id = $1 AND credentials = $2 RETURNING id`,
      [channelId, expected, envelope],
    );
    return rows.length === 1;
  }

  /** Every stored envelope, for key rotation. */
  async all(tx: Tx): Promise<Array<{ id: string; credentials: string }>> {
    return sqlRows(
      tx,
      `SELECT id, credentials FROM channel WHERE credentials IS NOT NULL ORDER BY id FOR UPDATE`,
    );
  }
}
