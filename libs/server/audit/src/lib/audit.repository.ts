import { Injectable } from '@nestjs/common';
import { sqlRows, type Tx } from '@carecast/server/database';
import type { AuditEntry } from '@carecast/shared/contracts';
import { entryHash, type Diff } from './audit-hash';
import type { AuditContext, AuditFilters } from './audit.types';

interface Row {
  id: string;
  organisation_id: string | null;
  seq: string;
  at: Date;
  action: string;
  actor_user_id: string | null;
  actor_label: string;
  entity_type: string | null;
  entity_id: string | null;
  diff: Diff | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface StoredEntry extends AuditEntry {
  organisationId: string | null;
  atDate: Date;
}

function toEntry(r: Row): StoredEntry {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    seq: Number(r.seq),
    at: r.at.toISOString(),
    atDate: r.at,
    action: r.action,
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    entityType: r.entity_type,
    entityId: r.entity_id,
    diff: r.diff,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

@Injectable()
export class AuditRepository {
  /** Append to the organisation's chain. Serialised per organisation by an advisory lock. */
  async append(
    tx: Tx,
    ctx: AuditContext,
    action: string,
    entity: { type: string | null; id: string | null },
    diff: Diff | null,
    at: Date,
  ): Promise<StoredEntry> {
    const chain = ctx.organisationId ?? 'no-organisation';
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [chain]);
    const [last] = (await sqlRows(
      tx,
      `SELECT seq, hash FROM audit_entry WHERE organisation_id IS NOT DISTINCT FROM $1 ORDER BY seq DESC LIMIT 1`,
      [ctx.organisationId],
    )) as Array<{ seq: string; hash: string }>;
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last?.hash ?? null;
    const hash = entryHash({
      prevHash,
      organisationId: ctx.organisationId,
      seq,
      at,
      action,
      actorUserId: ctx.actorUserId,
      actorLabel: ctx.actorLabel,
      entityType: entity.type,
      entityId: entity.id,
      diff,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    });
    const [row] = (await sqlRows(
      tx,
      `INSERT INTO audit_entry (organisation_id, seq, at, action, actor_user_id, actor_label, entity_type, entity_id,
                                diff, ip, user_agent, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [
        ctx.organisationId,
        seq,
        at,
        action,
        ctx.actorUserId,
        ctx.actorLabel,
        entity.type,
        entity.id,
        diff === null ? null : JSON.stringify(diff),
        ctx.ip,
        ctx.userAgent,
        ctx.requestId,
        prevHash,
        hash,
      ],
    )) as Row[];
    return toEntry(row);
  }

  /** Newest first, `limit` entries older than the cursor (a seq). */
  async list(
    tx: Tx,
    organisationId: string,
    filters: AuditFilters,
    beforeSeq: number | null,
    limit: number,
  ): Promise<StoredEntry[]> {
    const where = ['organisation_id = $1'];
    const params: unknown[] = [organisationId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.action) add(`action LIKE ? || '%'`, filters.action);
    if (filters.actorUserId) add('actor_user_id = ?', filters.actorUserId);
    if (filters.entityType) add('entity_type = ?', filters.entityType);
    if (filters.entityId) add('entity_id = ?', filters.entityId);
    if (filters.from) add('at >= ?', filters.from);
    if (filters.to) add('at < ?', filters.to);
    if (beforeSeq !== null) add('seq < ?', beforeSeq);
    params.push(limit);
    const rows = (await sqlRows(
      tx,
      `SELECT * FROM audit_entry WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    )) as Row[];
    return rows.map(toEntry);
  }

  /** The chain in order, a batch at a time (for verification). */
  async chainBatch(tx: Tx, organisationId: string, afterSeq: number, limit: number): Promise<StoredEntry[]> {
    const rows = (await sqlRows(
      tx,
      `SELECT * FROM audit_entry WHERE organisation_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3`,
      [organisationId, afterSeq, limit],
    )) as Row[];
    return rows.map(toEntry);
  }
}
