import { Injectable } from '@nestjs/common';
import { ConflictError } from '@carecast/server/core';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { ChannelKind, ChannelStatus, ChannelSummary } from '@carecast/shared/contracts';
import type { ChannelCapabilities } from './channel-adapter';

/** PostgreSQL's foreign_key_violation. */
const FOREIGN_KEY_VIOLATION = '23503';

interface Row {
  id: string;
  organisation_id: string;
  kind: ChannelKind;
  display_name: string;
  external_account_id: string;
  status: ChannelStatus;
  last_error: string | null;
  capabilities: ChannelCapabilities;
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface ChannelRecord extends ChannelSummary {
  organisationId: string;
  settings: Record<string, unknown>;
}

const map = (r: Row): ChannelRecord => ({
  id: r.id,
  organisationId: r.organisation_id,
  kind: r.kind,
  displayName: r.display_name,
  externalAccountId: r.external_account_id,
  status: r.status,
  lastError: r.last_error,
  capabilities: {
    mentions: r.capabilities.mentions ?? false,
    reply: r.capabilities.reply ?? false,
    hide: r.capabilities.hide ?? false,
    maxImages: r.capabilities.maxImages ?? 0,
  },
  settings: r.settings,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Channels of an organisation; every query is scoped by organisation id. */
@Injectable()
export class ChannelRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async list(organisationId: string): Promise<ChannelRecord[]> {
    return (
      await this.q<Row>(
        undefined,
        `SELECT * FROM channel WHERE organisation_id = $1 ORDER BY kind, display_name`,
        [organisationId],
      )
    ).map(map);
  }

  /**
   * With `lock` (in a transaction), the row stays locked until `tx` ends: nothing can start
   * pointing at it (a post's variant) in between.
   */
  async get(
    organisationId: string,
    id: string,
    tx?: Tx,
    options: { lock?: boolean } = {},
  ): Promise<ChannelRecord | null> {
    const [r] = await this.q<Row>(
      tx,
      `SELECT * FROM channel WHERE organisation_id = $1 AND id = $2${options.lock && tx ? ' FOR UPDATE' : ''}`,
      [organisationId, id],
    );
    return r ? map(r) : null;
  }

  /**
   * Whether connecting this platform account here would share it: an organisation other than
   * this one has it connected (in any status) and this one does not yet. Deliberately answers yes
   * or no only: nothing of the other organisation leaves here.
   */
  async wouldBeShared(
    organisationId: string,
    kind: ChannelKind,
    externalAccountId: string,
    tx?: Tx,
  ): Promise<boolean> {
    const [r] = await this.q<{ shared: boolean }>(
      tx,
      `SELECT EXISTS (
                SELECT 1 FROM channel WHERE organisation_id <> $1 AND kind = $2 AND external_account_id = $3)
          AND NOT EXISTS (
                SELECT 1 FROM channel WHERE organisation_id = $1 AND kind = $2 AND external_account_id = $3)
          AS shared`,
      [organisationId, kind, externalAccountId],
    );
    return r?.shared === true;
  }

  /**
   * Take turns on one platform account until `tx` ends: connects of the same account, from any
   * organisation, check whether it is shared and store it one at a time.
   */
  async lockAccount(kind: ChannelKind, externalAccountId: string, tx: Tx): Promise<void> {
    await this.q(tx, `SELECT pg_advisory_xact_lock(hashtext('channel-account:' || $1 || ':' || $2))`, [
      kind,
      externalAccountId,
    ]);
  }

  /** Insert, or re-connect the same account (same organisation, kind and external id). */
  async upsert(
    c: {
      organisationId: string;
      kind: ChannelKind;
      displayName: string;
      externalAccountId: string;
      capabilities: ChannelCapabilities;
      settings: Record<string, unknown>;
      connectedBy: string | null;
    },
    tx: Tx,
  ): Promise<ChannelRecord> {
    const [r] = await this.q<Row>(
      tx,
      `INSERT INTO channel (organisation_id, kind, display_name, external_account_id, capabilities, settings, connected_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, kind, external_account_id) DO UPDATE SET
         display_name = EXCLUDED.display_name, capabilities = EXCLUDED.capabilities, settings = EXCLUDED.settings,
         status = 'connected', last_error = NULL, connected_by = EXCLUDED.connected_by, updated_at = now()
       RETURNING *`,
      [
        c.organisationId,
        c.kind,
        c.displayName,
        c.externalAccountId,
        JSON.stringify(c.capabilities),
        JSON.stringify(c.settings),
        c.connectedBy,
      ],
    );
    return map(r);
  }

  async setStatus(
    organisationId: string,
    id: string,
    status: ChannelStatus,
    lastError: string | null,
    tx?: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `UPDATE channel SET status = $3, last_error = $4, updated_at = now() WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, status, lastError],
    );
  }

  /** Delete the channel; a ConflictError while something (a post's variant) still points at it. */
  async remove(organisationId: string, id: string, tx: Tx): Promise<boolean> {
    try {
      const rows = await this.q<{ id: string }>(
        tx,
        `DELETE FROM channel WHERE organisation_id = $1 AND id = $2 RETURNING id`,
        [organisationId, id],
      );
      return rows.length === 1;
    } catch (err) {
      if ((err as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw err;
      throw new ConflictError(
        'Posts still go to this channel. Edit them to take this channel off, or cancel them, then remove it.',
      );
    }
  }
}
