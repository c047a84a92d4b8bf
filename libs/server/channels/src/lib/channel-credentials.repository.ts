import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';

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

  /** Every stored envelope, for key rotation. */
  async all(tx: Tx): Promise<Array<{ id: string; credentials: string }>> {
    return sqlRows(
      tx,
      `SELECT id, credentials FROM channel WHERE credentials IS NOT NULL ORDER BY id FOR UPDATE`,
    );
  }
}
