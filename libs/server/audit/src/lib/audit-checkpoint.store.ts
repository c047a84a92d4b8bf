import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { DependencyUnavailableError } from '@carecast/server/core';
import type { CheckpointFields } from './audit-signer';

export interface SignedCheckpoint extends CheckpointFields {
  signature: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCheckpoint(value: unknown): value is SignedCheckpoint {
  const c = value as Partial<SignedCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.organisationId === 'string' &&
    Number.isSafeInteger(c.seq) &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.reason === 'string' &&
    typeof c.signature === 'string'
  );
}

/**
 * Signed checkpoints of each organisation's chain, kept outside the database: one append-only
 * JSON-lines file per organisation under `AUDIT_CHECKPOINT_DIR`. Whoever rewrites the database
 * cannot rewrite these, so a chain cut short or rewritten after a checkpoint shows.
 */
@Injectable()
export class AuditCheckpointStore {
  private readonly logger = new Logger(AuditCheckpointStore.name);
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = config.audit.checkpointDir;
  }

  /** Throws DependencyUnavailableError (logged with the folder and the cause) when it cannot write. */
  async append(checkpoint: SignedCheckpoint): Promise<void> {
    const line = JSON.stringify({
      organisationId: checkpoint.organisationId,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      reason: checkpoint.reason,
      signature: checkpoint.signature,
    });
    const file = this.file(checkpoint.organisationId);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // One write with O_APPEND: lines from several processes never interleave.
      await appendFile(file, `${line}\n`, { mode: 0o600, flag: 'a' });
    } catch (err) {
      throw this.unavailable('written', err);
    }
  }

  /** Every checkpoint of the organisation, oldest first, and how many lines could not be read. */
  async read(organisationId: string): Promise<{ checkpoints: SignedCheckpoint[]; unreadable: number }> {
    let text: string;
    try {
      text = await readFile(this.file(organisationId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], unreadable: 0 };
      throw this.unavailable('read', err);
    }
    const checkpoints: SignedCheckpoint[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isCheckpoint(parsed) && parsed.organisationId === organisationId) checkpoints.push(parsed);
        else unreadable++;
      } catch {
        unreadable++;
      }
    }
    return { checkpoints, unreadable };
  }

  private unavailable(what: 'read' | 'written', err: unknown): DependencyUnavailableError {
    const cause = err as NodeJS.ErrnoException;
    this.logger.error({
      msg: `audit checkpoint folder cannot be ${what}`,
      dir: this.dir,
      code: cause.code ?? null,
      reason: cause.message,
    });
    return new DependencyUnavailableError(
      `The audit trail's checkpoint folder on the server cannot be ${what}, so its signed ` +
        'checkpoints cannot be kept. Ask your administrator to check AUDIT_CHECKPOINT_DIR.',
    );
  }

  private file(organisationId: string): string {
    if (!UUID.test(organisationId)) throw new Error('An organisation id is a UUID');
    return join(this.dir, `${organisationId.toLowerCase()}.jsonl`);
  }
}
