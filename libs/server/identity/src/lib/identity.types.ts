import type { MemberStatus, Permission, Role } from '@carecast/shared/contracts';

export type SessionStage = 'mfa_pending' | 'mfa_enrolment' | 'active';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  mfaRequired: boolean;
  idleTimeoutPrivilegedMinutes: number;
  idleTimeoutStandardMinutes: number;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  mfaSecret: string | null;
  mfaEnabledAt: Date | null;
  mfaLastUsedStep: number | null;
  lastSignInAt: Date | null;
}

export interface Membership {
  organisationId: string;
  userId: string;
  roles: Role[];
  status: MemberStatus;
  /** When they accepted the invitation (or were added); null while only invited. */
  joinedAt: Date | null;
}

export interface SessionRow {
  id: string;
  userId: string;
  organisationId: string;
  stage: SessionStage;
  csrfHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

/** A request's verified session: who, in which organisation, allowed to do what. */
export interface AuthSession {
  sessionId: string;
  stage: SessionStage;
  csrfHash: string;
  user: { id: string; email: string; displayName: string; mfaEnabled: boolean };
  organisation: Organisation;
  roles: Role[];
  permissions: Permission[];
  idleTimeoutMinutes: number;
  expiresAt: Date;
}

/** Where a request came from, for the audit trail and session records. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}
