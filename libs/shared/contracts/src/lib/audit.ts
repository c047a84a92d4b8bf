export interface AuditEntry {
  id: string;
  /** Position in the organisation's chain, from 1. */
  seq: number;
  at: string;
  action: string;
  actorUserId: string | null;
  actorLabel: string;
  entityType: string | null;
  entityId: string | null;
  /** Changed fields only: `{ field: { from, to } }`. */
  diff: Record<string, { from: unknown; to: unknown }> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditVerification {
  intact: boolean;
  checked: number;
  /** The first entry whose hash does not match its content or its predecessor. */
  firstBroken: { id: string; seq: number; at: string; reason: string } | null;
  verifiedAt: string;
}
