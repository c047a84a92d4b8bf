import { Injectable } from '@nestjs/common';
import { Clock, ValidationError } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import type { AuditPage, AuditVerification } from '@carecast/shared/contracts';
import { canonicalJson, diffOf, entryHash } from './audit-hash';
import { AuditRepository, type StoredEntry } from './audit.repository';
import type { AuditContext, AuditEvent, AuditFilters } from './audit.types';

const VERIFY_BATCH = 1_000;
const EXPORT_LIMIT = 100_000;

/** The append-only, hash-chained record of who did what (compliance rules A1–A3). */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Append an entry. Pass the caller's transaction so the entry commits (or not) together with
   * the change it records; without one, it is written on its own.
   */
  record(ctx: AuditContext, event: AuditEvent, tx?: Tx): Promise<StoredEntry> {
    const write = (t: Tx) =>
      this.repository.append(
        t,
        ctx,
        event.action,
        { type: event.entityType ?? null, id: event.entityId ?? null },
        diffOf(event.before, event.after),
        this.clock.now(),
      );
    return tx ? write(tx) : this.transactions.run(write);
  }

  async list(
    organisationId: string,
    filters: AuditFilters,
    cursor: string | null,
    limit = 50,
  ): Promise<AuditPage> {
    const beforeSeq = cursor === null ? null : Number(cursor);
    if (beforeSeq !== null && (!Number.isInteger(beforeSeq) || beforeSeq < 1)) {
      throw new ValidationError('The cursor is not valid.', [
        { field: 'cursor', rule: 'cursor', message: 'use the nextCursor of the previous page' },
      ]);
    }
    const rows = await this.repository.list(
      this.transactions.manager,
      organisationId,
      filters,
      beforeSeq,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      entries: page.map(publicEntry),
      nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
    };
  }

  /** Recompute the organisation's chain; name the first entry that does not fit. */
  async verify(organisationId: string): Promise<AuditVerification> {
    let prev: StoredEntry | null = null;
    let checked = 0;
    for (;;) {
      const batch = await this.repository.chainBatch(
        this.transactions.manager,
        organisationId,
        prev?.seq ?? 0,
        VERIFY_BATCH,
      );
      for (const entry of batch) {
        const reason = brokenBecause(entry, prev);
        if (reason) {
          return {
            intact: false,
            checked,
            firstBroken: { id: entry.id, seq: entry.seq, at: entry.at, reason },
            verifiedAt: this.clock.now().toISOString(),
          };
        }
        checked++;
        prev = entry;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    return { intact: true, checked, firstBroken: null, verifiedAt: this.clock.now().toISOString() };
  }

  /** Every matching entry as CSV, oldest first. */
  async exportCsv(organisationId: string, filters: AuditFilters): Promise<{ csv: string; rows: number }> {
    const rows = await this.repository.list(
      this.transactions.manager,
      organisationId,
      filters,
      null,
      EXPORT_LIMIT,
    );
    const header = [
      'seq',
      'at',
      'action',
      'actor',
      'actor_user_id',
      'entity_type',
      'entity_id',
      'changes',
      'ip',
      'user_agent',
      'request_id',
      'hash',
      'prev_hash',
    ];
    const lines = rows
      .reverse()
      .map((e) =>
        [
          e.seq,
          e.at,
          e.action,
          e.actorLabel,
          e.actorUserId,
          e.entityType,
          e.entityId,
          e.diff ? canonicalJson(e.diff) : '',
          e.ip,
          e.userAgent,
          e.requestId,
          e.hash,
          e.prevHash,
        ]
          .map(csvCell)
          .join(','),
      );
    return { csv: [header.join(','), ...lines].join('\r\n') + '\r\n', rows: rows.length };
  }
}

function brokenBecause(entry: StoredEntry, prev: StoredEntry | null): string | null {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (entry.seq !== expectedSeq) return `entries ${expectedSeq}–${entry.seq - 1} are missing before this one`;
  if (entry.prevHash !== (prev?.hash ?? null)) return 'its link to the previous entry does not match';
  const recomputed = entryHash({
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
  });
  return recomputed === entry.hash ? null : 'its content was changed after it was written';
}

function publicEntry(e: StoredEntry) {
  const { organisationId: _o, atDate: _a, ...entry } = e;
  return entry;
}

/** RFC 4180 quoting, and no cell that a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
