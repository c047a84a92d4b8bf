import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner } from '@carecast/server/database';
import type { ChannelKind } from '@carecast/shared/contracts';

export type ChannelEventSource = 'facebook_webhook';

export interface ChannelEventTarget {
  channelId: string;
  organisationId: string;
  externalAccountId: string;
}

export interface NewChannelEvent {
  organisationId: string;
  channelId: string;
  source: ChannelEventSource;
  item: string;
  verb: string;
  externalId: string;
  /** The platform's time of the change: part of what tells a redelivery from a new change. */
  changedAt: Date;
  payload: Record<string, unknown>;
}

/**
 * Events the platforms push about channels (`channel_event`). Unlike the channel repository,
 * the lookup here crosses organisations on purpose: a webhook names only the platform account,
 * and every organisation that connected that account gets its own copy of the event.
 */
@Injectable()
export class ChannelEventRepository {
  constructor(private readonly db: TransactionRunner) {}

  /** Channels of that kind connected to these platform accounts, in any organisation (disabled ones left out). */
  async targetsOf(kind: ChannelKind, externalAccountIds: string[]): Promise<ChannelEventTarget[]> {
    if (!externalAccountIds.length) return [];
    const rows = await sqlRows<{ id: string; organisation_id: string; external_account_id: string }>(
      this.db.manager,
      `SELECT id, organisation_id, external_account_id FROM channel
        WHERE kind = $1 AND external_account_id = ANY($2::text[]) AND status = 'connected'`,
      [kind, externalAccountIds],
    );
    return rows.map((r) => ({
      channelId: r.id,
      organisationId: r.organisation_id,
      externalAccountId: r.external_account_id,
    }));
  }

  /**
   * Stores the events in one statement; one already stored (same channel, source, external id,
   * verb and time of the change: a redelivery) is skipped. Answers how many were new.
   */
  async insertNew(events: NewChannelEvent[]): Promise<number> {
    if (!events.length) return 0;
    const rows = events.map((e) => ({
      organisation_id: e.organisationId,
      channel_id: e.channelId,
      source: e.source,
      item: e.item,
      verb: e.verb,
      external_id: e.externalId,
      changed_at: e.changedAt.toISOString(),
      payload: e.payload,
    }));
    const inserted = await sqlRows<{ id: string }>(
      this.db.manager,
      `INSERT INTO channel_event (organisation_id, channel_id, source, item, verb, external_id, changed_at, payload)
       SELECT organisation_id, channel_id, source, item, verb, external_id, changed_at, payload
         FROM jsonb_to_recordset($1::jsonb) AS e(
           organisation_id uuid, channel_id uuid, source text, item text, verb text, external_id text,
           changed_at timestamptz, payload jsonb)
       ON CONFLICT ON CONSTRAINT channel_event_delivery_key DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }
}
