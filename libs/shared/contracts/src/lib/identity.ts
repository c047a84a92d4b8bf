import type { Permission, Role } from './permissions';

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  roles: Role[];
}

/** `GET /api/auth/me`: who is signed in, where, and what they may do there. */
export interface Me {
  user: { id: string; email: string; displayName: string; mfaEnabled: boolean };
  organisation: OrganisationSummary;
  organisations: OrganisationSummary[];
  roles: Role[];
  permissions: Permission[];
  session: { id: string; expiresAt: string; idleTimeoutMinutes: number };
}

export type SignInStatus = 'signed_in' | 'mfa_required' | 'mfa_enrolment_required';

export interface SignInResult {
  status: SignInStatus;
  /** Present once fully signed in. */
  me?: Me;
}

export interface MfaSetup {
  /** Base32 secret, for typing into an authenticator app. */
  secret: string;
  /** `otpauth://` URI, for a QR code. */
  otpauthUrl: string;
}

export interface MfaEnabled {
  /** Shown once: each works once in place of a code. */
  recoveryCodes: string[];
  me?: Me;
}

export interface SessionSummary {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export type MemberStatus = 'active' | 'invited' | 'deactivated';

export interface MemberSummary {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  status: MemberStatus;
  mfaEnabled: boolean;
  lastSignInAt: string | null;
}

export interface SecuritySettings {
  mfaRequired: boolean;
  /** Idle timeout of administrators and reviewers, in minutes. */
  idleTimeoutPrivilegedMinutes: number;
  /** Idle timeout of everyone else, in minutes. */
  idleTimeoutStandardMinutes: number;
}

export interface InvitationCreated {
  email: string;
  roles: Role[];
  expiresAt: string;
}

/** `GET /api/auth/invitations/:token`: what an invitation link is for. */
export interface InvitationInfo {
  email: string;
  organisationName: string;
  /** False when the address already has an account: its current password accepts the invitation. */
  needsPassword: boolean;
}

/** Requests marked with this header (dashboard polling) do not count as activity for the idle timeout. */
export const BACKGROUND_REQUEST_HEADER = 'x-carecast-background';
