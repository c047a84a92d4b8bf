import { Injectable } from '@nestjs/common';
import { sqlRows, type Tx } from '@carecast/server/database';
import type { AuditEntry } from '@carecast/shared/contracts';
import type { Diff, HashedFields, HashVersion } from './audit-hash';
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
  hash_version: number;
}

export interface StoredEntry extends AuditEntry {
  organisationId: string | null;
  atDate: Date;
  hashVersion: HashVersion;
}

/** The filters as the repository applies them: the action search already resolved to codes. */
export interface ListFilters extends Omit<AuditFilters, 'action'> {
  /** Entries whose code begins with `prefix`, or is one of `codes`. */
  action?: { prefix: string; codes: string[] };
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
    hashVersion: r.hash_version as HashVersion,
  };
}

/** The fields of a stored entry that its hash covers. */
export function hashedFieldsOf(entry: StoredEntry): HashedFields {
  return {
    id: entry.id,
    hashVersion: entry.hashVersion,
    prevHash: entry.prevHash,
    organisationId: entry.organisationId,
    seq: entry.seq,
    at: entry.atDate,
    action: entry.action,
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    entityType: entry.entityType,
    entityId: entry.entityId,
    diff: entry.diff,
    ip: entry.ip,
    userAgent: entry.userAgent,
    requestId: entry.requestId,
  };
}

/** LIKE treats `%`, `_` and `\` specially; a search for them means the characters themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class AuditRepository {
  /**
   * Append to the organisation's chain. Serialised per organisation by an advisory lock; `seal`
   * computes the new entry's hash from every other field.
   */
  async append(
    tx: Tx,
    ctx: AuditContext,
    action: string,
    entity: { type: string | null; id: string | null },
    diff: Diff | null,
    at: Date,
    hashVersion: HashVersion,
    seal: (fields: HashedFields) => string,
  ): Promise<StoredEntry> {
    const chain = ctx.organisationId ?? 'no-organisation';
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [chain]);
    const [head] = (await sqlRows(
      tx,
      `SELECT gen_random_uuid() AS id, last.seq, last.hash
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT seq, hash FROM audit_entry WHERE organisation_id IS NOT DISTINCT FROM $1
            ORDER BY seq DESC LIMIT 1
         ) AS last ON true`,
      [ctx.organisationId],
    )) as Array<{ id: string; seq: string | null; hash: string | null }>;
    const fields: HashedFields = {
      id: head.id,
      hashVersion,
      prevHash: head.hash ?? null,
      organisationId: ctx.organisationId,
      seq: head.seq === null ? 1 : Number(head.seq) + 1,
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
    };
    const hash = seal(fields);
    const [row] = (await sqlRows(
      tx,
      `INSERT INTO audit_entry (id, organisation_id, seq, at, action, actor_user_id, actor_label, entity_type,
                                entity_id, diff, ip, user_agent, request_id, prev_hash, hash, hash_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
      [
        fields.id,
        fields.organisationId,
        fields.seq,
        fields.at,
        fields.action,
        fields.actorUserId,
        fields.actorLabel,
        fields.entityType,
        fields.entityId,
        diff === null ? null : JSON.stringify(diff),
        fields.ip,
        fields.userAgent,
        fields.requestId,
        fields.prevHash,
        hash,
        hashVersion,
      ],
    )) as Row[];
    return toEntry(row);
  }

  /** Newest first, `limit` entries older than the cursor (a seq). */
  async list(
    tx: Tx,
    organisationId: string,
    filters: ListFilters,
    beforeSeq: number | null,
    limit: number,
  ): Promise<StoredEntry[]> {
    const where = ['organisation_id = $1'];
    const params: unknown[] = [organisationId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', param(value)));
    if (filters.action) {
      const prefix = param(escapeLike(filters.action.prefix));
      const codes = param(filters.action.codes);
      where.push(`(action LIKE ${prefix} || '%' OR action = ANY(${codes}::text[]))`);
    }
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

  /** The newest entry of an organisation's chain. */
  async head(tx: Tx, organisationId: string): Promise<StoredEntry | null> {
    const [row] = (await sqlRows(
      tx,
      `SELECT * FROM audit_entry WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1`,
      [organisationId],
    )) as Row[];
    return row ? toEntry(row) : null;
  }

  /** The organisations that have a chain. */
  async organisationsWithEntries(tx: Tx): Promise<string[]> {
    const rows = (await sqlRows(
      tx,
      `SELECT id FROM organisation o WHERE EXISTS (SELECT 1 FROM audit_entry a WHERE a.organisation_id = o.id)`,
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
