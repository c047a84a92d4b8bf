import { createHash } from 'node:crypto';

/** The fields of an entry that its hash covers: every column but the hash itself. */
export interface HashedFields {
  id: string;
  hashVersion: HashVersion;
  prevHash: string | null;
  organisationId: string | null;
  seq: number;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  diff: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** How an entry's hash was made: 1, SHA-256 (entries written before the chain was keyed); 2, HMAC-SHA256. */
export type HashVersion = 1 | 2;
export const UNKEYED_SHA256: HashVersion = 1;
export const KEYED_HMAC: HashVersion = 2;

/** JSON with object keys sorted at every level, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The hash of the entry before, then the entry's content, in the order both hash versions cover
 * them. Part of the stored chain format: changing it breaks the verification of every entry.
 */
function chainedContent(f: HashedFields): unknown[] {
  return [
    f.prevHash,
    f.organisationId,
    f.seq,
    f.at.toISOString(),
    f.action,
    f.actorUserId,
    f.actorLabel,
    f.entityType,
    f.entityId,
    f.diff ?? null,
    f.ip,
    f.userAgent,
    f.requestId,
  ];
}

/**
 * Version 1: the SHA-256 (hex) of an entry's content together with the hash of the entry before
 * it, as written before the chain was keyed. Anyone can recompute it, so it is trusted only for
 * entries that a keyed entry follows.
 */
export function unkeyedEntryHash(f: HashedFields): string {
  const material = canonicalJson(chainedContent(f));
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

/** Version 2: what the HMAC of an entry covers, every column but the hash, in a fixed order. */
export function keyedEntryMaterial(f: HashedFields): string {
  return canonicalJson(['carecast.audit.entry', KEYED_HMAC, f.id, ...chainedContent(f)]);
}

export type Diff = Record<string, { from: unknown; to: unknown }>;

/** The fields that differ between two snapshots (`before` absent: created; `after` absent: removed). */
export function diffOf(
  before?: Record<string, unknown> | null,
  after?: Record<string, unknown> | null,
): Diff | null {
  if (!before && !after) return null;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: Diff = {};
  for (const key of [...keys].sort()) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (canonicalJson(from) !== canonicalJson(to)) diff[key] = { from, to };
  }
  return Object.keys(diff).length ? diff : null;
}
