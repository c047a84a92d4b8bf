import { Injectable, Logger } from '@nestjs/common';
import { Clock, ValidationError } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import { auditActionsMatching, type AuditPage, type AuditVerification } from '@carecast/shared/contracts';
import { canonicalJson, diffOf, KEYED_HMAC, UNKEYED_SHA256 } from './audit-hash';
import { AuditCheckpointStore, type SignedCheckpoint } from './audit-checkpoint.store';
import { AuditSigner } from './audit-signer';
import { AuditRepository, hashedFieldsOf, type ListFilters, type StoredEntry } from './audit.repository';
import type { AuditContext, AuditEvent, AuditFilters } from './audit.types';

const VERIFY_BATCH = 1_000;
const EXPORT_LIMIT = 100_000;

/** The append-only, hash-chained record of who did what (compliance rules A1–A3). */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly repository: AuditRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly signer: AuditSigner,
    private readonly checkpoints: AuditCheckpointStore,
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
        KEYED_HMAC,
        (fields) => this.signer.entryHash(fields),
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
      listFilters(filters),
      beforeSeq,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      entries: page.map(publicEntry),
      nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
    };
  }

  /**
   * Recompute the organisation's chain with the key, and compare it with every signed checkpoint
   * of its head: name the first entry that does not fit, or the entries missing at the end.
   */
  async verify(organisationId: string): Promise<AuditVerification> {
    const checkpoints = await this.signedCheckpoints(organisationId);
    const latest = checkpoints.reduce<SignedCheckpoint | null>(
      (best, c) => (!best || c.seq > best.seq ? c : best),
      null,
    );
    const bySeq = new Map<number, SignedCheckpoint[]>();
    for (const c of checkpoints) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
    const result = (firstBroken: AuditVerification['firstBroken'], checked: number): AuditVerification => ({
      intact: firstBroken === null,
      // Entries newer than the latest checkpoint can be removed without trace; with no
      // checkpoint at all, so can any number of them (and an empty chain has nothing to lose).
      anchored: latest !== null || checked === 0,
      checked,
      firstBroken,
      checkpoint: latest ? { seq: latest.seq, hash: latest.hash, at: latest.at } : null,
      verifiedAt: this.clock.now().toISOString(),
    });

    let prev: StoredEntry | null = null;
    let keyedSeen = false;
    let checked = 0;
    for (;;) {
      const batch = await this.repository.chainBatch(
        this.transactions.manager,
        organisationId,
        prev?.seq ?? 0,
        VERIFY_BATCH,
      );
      for (const entry of batch) {
        const reason =
          this.brokenBecause(entry, prev, keyedSeen) ?? differsFromCheckpoint(entry, bySeq.get(entry.seq));
        if (reason) return result({ id: entry.id, seq: entry.seq, at: entry.at, reason }, checked);
        keyedSeen ||= entry.hashVersion === KEYED_HMAC;
        checked++;
        prev = entry;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    if (prev && !keyedSeen) {
      // Unkeyed entries can be recomputed by anyone: only a keyed entry after them vouches for them.
      return result(
        {
          id: null,
          seq: prev.seq + 1,
          at: null,
          reason: `entries 1–${prev.seq} carry the unkeyed hash of entries written before the chain was keyed, and no keyed entry follows them`,
        },
        checked,
      );
    }
    const last = prev?.seq ?? 0;
    if (latest && latest.seq > last) {
      const missing =
        latest.seq === last + 1 ? `entry ${latest.seq} is` : `entries ${last + 1}–${latest.seq} are`;
      return result(
        {
          id: null,
          seq: last + 1,
          at: null,
          reason: `${missing} missing: the latest signed checkpoint records the chain up to entry ${latest.seq}`,
        },
        checked,
      );
    }
    return result(null, checked);
  }

  /**
   * Sign the organisation's chain head (its newest entry's seq and hash) into the checkpoint file,
   * unless the latest checkpoint already says the same. Nothing is signed for an empty chain or a
   * head whose own hash does not verify.
   */
  async checkpoint(organisationId: string, reason: string): Promise<SignedCheckpoint | null> {
    const head = await this.repository.head(this.transactions.manager, organisationId);
    if (!head) return null;
    if (head.hashVersion !== KEYED_HMAC) {
      // Anyone can recompute an unkeyed hash: signing it would vouch for what nobody can vouch for.
      this.logger.warn({
        msg: 'audit chain head carries an unkeyed hash; no checkpoint signed',
        organisationId,
        seq: head.seq,
      });
      return null;
    }
    if (!this.signer.same(this.signer.entryHash(hashedFieldsOf(head)), head.hash)) {
      this.logger.warn({
        msg: 'audit chain head does not verify; no checkpoint signed',
        organisationId,
        seq: head.seq,
      });
      return null;
    }
    const existing = await this.signedCheckpoints(organisationId);
    const last = existing[existing.length - 1];
    if (last && last.seq === head.seq && last.hash === head.hash && reason === 'schedule') return last;
    const fields = {
      organisationId,
      seq: head.seq,
      hash: head.hash,
      at: this.clock.now().toISOString(),
      reason,
    };
    const checkpoint = { ...fields, signature: this.signer.checkpointSignature(fields) };
    await this.checkpoints.append(checkpoint);
    return checkpoint;
  }

  /** A checkpoint of every organisation's chain (the worker's schedule). */
  async checkpointAll(reason = 'schedule'): Promise<number> {
    let written = 0;
    for (const id of await this.repository.organisationsWithEntries(this.transactions.manager)) {
      if (await this.checkpoint(id, reason)) written++;
    }
    return written;
  }

  /** The organisation's checkpoints whose signature holds; any other line is logged and ignored. */
  private async signedCheckpoints(organisationId: string): Promise<SignedCheckpoint[]> {
    const { checkpoints, unreadable } = await this.checkpoints.read(organisationId);
    const valid = checkpoints.filter((c) =>
      this.signer.same(this.signer.checkpointSignature(c), c.signature),
    );
    const refused = unreadable + checkpoints.length - valid.length;
    if (refused) {
      this.logger.warn({
        msg: 'audit checkpoint lines without a valid signature ignored',
        organisationId,
        refused,
      });
    }
    return valid;
  }

  private brokenBecause(entry: StoredEntry, prev: StoredEntry | null, keyedSeen: boolean): string | null {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      const missing =
        entry.seq - 1 === expectedSeq
          ? `entry ${expectedSeq} is`
          : `entries ${expectedSeq}–${entry.seq - 1} are`;
      return `${missing} missing before this one`;
    }
    if (entry.prevHash !== (prev?.hash ?? null)) return 'its link to the previous entry does not match';
    if (entry.hashVersion === UNKEYED_SHA256 && keyedSeen) {
      return 'it carries an unkeyed hash after keyed entries: it was rewritten';
    }
    if (!this.signer.same(this.signer.entryHash(hashedFieldsOf(entry)), entry.hash)) {
      return 'its content was changed after it was written';
    }
    return null;
  }

  /** Every matching entry as CSV, oldest first. */
  async exportCsv(organisationId: string, filters: AuditFilters): Promise<{ csv: string; rows: number }> {
    const rows = await this.repository.list(
      this.transactions.manager,
      organisationId,
      listFilters(filters),
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

function differsFromCheckpoint(entry: StoredEntry, checkpoints: SignedCheckpoint[] = []): string | null {
  const other = checkpoints.find((c) => c.hash !== entry.hash);
  return other ? 'its hash differs from the one a signed checkpoint records' : null;
}

/** The action search: a code's beginning (`auth.`), or plain words ("sign in"). */
function listFilters(filters: AuditFilters): ListFilters {
  const { action, ...rest } = filters;
  const search = action?.trim();
  return search ? { ...rest, action: { prefix: search, codes: auditActionsMatching(search) } } : rest;
}

function publicEntry(e: StoredEntry) {
  const { organisationId: _o, atDate: _a, hashVersion: _v, ...entry } = e;
  return entry;
}

/** RFC 4180 quoting, and no cell that a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
