import type { AuditAction } from '@carecast/shared/contracts';

/** Who did something, from where: taken from the request (or a job) by the caller. */
export interface AuditContext {
  /** Null only for events tied to no organisation (e.g. a failed sign-in of an unknown email). */
  organisationId: string | null;
  actorUserId: string | null;
  /** How the actor is shown: an email, "system", "scheduler". */
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  /** Dotted verb, e.g. `auth.signed_in`, `member.roles_changed`; each has plain words (contracts). */
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  /** Snapshots without secrets; only the changed fields are stored. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditFilters {
  /** The beginning of an action code (`auth.`), or plain words of its label ("sign in"). */
  action?: string;
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}
