import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import {
  canonicalJson,
  keyedEntryMaterial,
  KEYED_HMAC,
  unkeyedEntryHash,
  type HashedFields,
} from './audit-hash';

/** A signed statement of a chain's head: "entry `seq` of this organisation had hash `hash`". */
export interface CheckpointFields {
  organisationId: string;
  seq: number;
  hash: string;
  at: string;
  /** Why it was written: `schedule`, `export`, `verify`. */
  reason: string;
}

/**
 * The audit trail's keyed hashing (HMAC-SHA256) under `AUDIT_HMAC_KEY`, a key that is never
 * stored in the database: whoever can rewrite the database cannot recompute a valid chain.
 */
@Injectable()
export class AuditSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.audit.hmacKey;
  }

  /** The hash an entry must carry, by the version it states. */
  entryHash(fields: HashedFields): string {
    return fields.hashVersion === KEYED_HMAC
      ? this.mac(keyedEntryMaterial(fields))
      : unkeyedEntryHash(fields);
  }

  checkpointSignature(c: CheckpointFields): string {
    return this.mac(
      canonicalJson(['carecast.audit.checkpoint', 1, c.organisationId, c.seq, c.hash, c.at, c.reason]),
    );
  }

  /** Constant-time comparison of two hex digests. */
  same(a: string, b: string): boolean {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(b, 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private mac(material: string): string {
    return createHmac('sha256', this.key).update(material, 'utf8').digest('hex');
  }
}
