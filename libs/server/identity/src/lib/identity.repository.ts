import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { MemberStatus, Role } from '@carecast/shared/contracts';
import type { Membership, Organisation, User } from './identity.types';

interface OrgRow {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  mfa_required: boolean;
  idle_timeout_privileged_minutes: number;
  idle_timeout_standard_minutes: number;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  mfa_secret: string | null;
  mfa_enabled_at: Date | null;
  mfa_last_used_step: string | null;
  last_sign_in_at: Date | null;
}

const org = (r: OrgRow): Organisation => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  mfaRequired: r.mfa_required,
  idleTimeoutPrivilegedMinutes: r.idle_timeout_privileged_minutes,
  idleTimeoutStandardMinutes: r.idle_timeout_standard_minutes,
});

const user = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  mfaSecret: r.mfa_secret,
  mfaEnabledAt: r.mfa_enabled_at,
  mfaLastUsedStep: r.mfa_last_used_step === null ? null : Number(r.mfa_last_used_step),
  lastSignInAt: r.last_sign_in_at,
});

interface MembershipRow {
  organisation_id: string;
  user_id: string;
  roles: Role[];
  status: MemberStatus;
  joined_at: Date | null;
}

const membership = (r: MembershipRow): Membership => ({
  organisationId: r.organisation_id,
  userId: r.user_id,
  roles: r.roles,
  status: r.status,
  joinedAt: r.joined_at,
});

export interface MemberRow extends Membership {
  email: string;
  displayName: string;
  mfaEnabled: boolean;
  lastSignInAt: Date | null;
}

/** Organisations, users and memberships. */
@Injectable()
export class IdentityRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  async organisation(id: string, tx?: Tx): Promise<Organisation | null> {
    const [r] = await this.q<OrgRow>(tx, `SELECT * FROM organisation WHERE id = $1`, [id]);
    return r ? org(r) : null;
  }

  async organisationBySlug(slug: string, tx?: Tx): Promise<Organisation | null> {
    const [r] = await this.q<OrgRow>(tx, `SELECT * FROM organisation WHERE slug = $1`, [slug]);
    return r ? org(r) : null;
  }

  async createOrganisation(
    o: { slug: string; name: string; timeZone: string },
    tx?: Tx,
  ): Promise<Organisation> {
    const [r] = await this.q<OrgRow>(
      tx,
      `INSERT INTO organisation (slug, name, time_zone) VALUES ($1, $2, $3) RETURNING *`,
      [o.slug, o.name, o.timeZone],
    );
    return org(r);
  }

  async updateSecurity(
    id: string,
    s: { mfaRequired: boolean; idleTimeoutPrivilegedMinutes: number; idleTimeoutStandardMinutes: number },
    tx?: Tx,
  ): Promise<Organisation> {
    const [r] = await this.q<OrgRow>(
      tx,
      `UPDATE organisation SET mfa_required = $2, idle_timeout_privileged_minutes = $3, idle_timeout_standard_minutes = $4
       WHERE id = $1 RETURNING *`,
      [id, s.mfaRequired, s.idleTimeoutPrivilegedMinutes, s.idleTimeoutStandardMinutes],
    );
    return org(r);
  }

  async userByEmail(email: string, tx?: Tx): Promise<User | null> {
    const [r] = await this.q<UserRow>(tx, `SELECT * FROM app_user WHERE email = $1`, [
      email.trim().toLowerCase(),
    ]);
    return r ? user(r) : null;
  }

  async userById(id: string, tx?: Tx): Promise<User | null> {
    const [r] = await this.q<UserRow>(tx, `SELECT * FROM app_user WHERE id = $1`, [id]);
    return r ? user(r) : null;
  }

  async createUser(
    u: { email: string; displayName: string; passwordHash: string | null },
    tx?: Tx,
  ): Promise<User> {
    const [r] = await this.q<UserRow>(
      tx,
      `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING *`,
      [u.email.trim().toLowerCase(), u.displayName, u.passwordHash],
    );
    return user(r);
  }

  async setPassword(userId: string, passwordHash: string, displayName?: string, tx?: Tx): Promise<void> {
    await this.q(
      tx,
      `UPDATE app_user SET password_hash = $2, display_name = coalesce($3, display_name) WHERE id = $1`,
      [userId, passwordHash, displayName ?? null],
    );
  }

  async setMfa(userId: string, secret: string | null, enabledAt: Date | null, tx?: Tx): Promise<void> {
    await this.q(
      tx,
      `UPDATE app_user SET mfa_secret = $2, mfa_enabled_at = $3, mfa_last_used_step = NULL WHERE id = $1`,
      [userId, secret, enabledAt],
    );
  }

  /** Record the time step of an accepted code; false if it (or a later one) was already used. */
  async claimMfaStep(userId: string, step: number, tx?: Tx): Promise<boolean> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE app_user SET mfa_last_used_step = $2 WHERE id = $1 AND (mfa_last_used_step IS NULL OR mfa_last_used_step < $2)
       RETURNING id`,
      [userId, step],
    );
    return rows.length === 1;
  }

  async touchSignIn(userId: string, at: Date, tx?: Tx): Promise<void> {
    await this.q(tx, `UPDATE app_user SET last_sign_in_at = $2 WHERE id = $1`, [userId, at]);
  }

  async membership(organisationId: string, userId: string, tx?: Tx): Promise<Membership | null> {
    const [r] = await this.q<MembershipRow>(
      tx,
      `SELECT * FROM membership WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    );
    return r ? membership(r) : null;
  }

  /** The organisations where the user is an active member, by name. */
  async activeOrganisationsOf(
    userId: string,
    tx?: Tx,
  ): Promise<Array<Organisation & { roles: Role[]; joinedAt: Date }>> {
    const rows = await this.q<OrgRow & { roles: Role[]; joined_at: Date }>(
      tx,
      `SELECT o.*, m.roles, m.joined_at FROM membership m JOIN organisation o ON o.id = m.organisation_id
       WHERE m.user_id = $1 AND m.status = 'active' ORDER BY o.name, o.id`,
      [userId],
    );
    return rows.map((r) => ({ ...org(r), roles: r.roles, joinedAt: r.joined_at }));
  }

  /**
   * Create or change a membership. A new active membership joins now; otherwise `joinedAt` is
   * set only when given (accepting an invitation) and never cleared. The database refuses an
   * active membership that never joined.
   */
  async upsertMembership(
    m: Omit<Membership, 'joinedAt'> & { joinedAt?: Date | null },
    tx?: Tx,
  ): Promise<void> {
    await this.q(
      tx,
      `INSERT INTO membership (organisation_id, user_id, roles, status, joined_at)
       VALUES ($1, $2, $3, $4, coalesce($5, CASE WHEN $4 = 'active' THEN clock_timestamp() END))
       ON CONFLICT (organisation_id, user_id) DO UPDATE SET roles = EXCLUDED.roles, status = EXCLUDED.status,
         joined_at = coalesce(membership.joined_at, $5)`,
      [m.organisationId, m.userId, m.roles, m.status, m.joinedAt ?? null],
    );
  }

  async members(organisationId: string, tx?: Tx): Promise<MemberRow[]> {
    // Someone who has not joined (only invited) shows as their address alone: nothing of an
    // account they may have elsewhere (name, MFA, last sign-in) reaches this organisation.
    const rows = await this.q<
      MembershipRow & {
        email: string;
        display_name: string;
        mfa_enabled: boolean;
        last_sign_in_at: Date | null;
      }
    >(
      tx,
      `SELECT m.organisation_id, m.user_id, m.roles, m.status, m.joined_at, u.email,
         CASE WHEN m.joined_at IS NULL THEN '' ELSE u.display_name END AS display_name,
         m.joined_at IS NOT NULL AND u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
         CASE WHEN m.joined_at IS NULL THEN NULL ELSE u.last_sign_in_at END AS last_sign_in_at
       FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.organisation_id = $1
       ORDER BY display_name, u.email`,
      [organisationId],
    );
    return rows.map((r) => ({
      ...membership(r),
      email: r.email,
      displayName: r.display_name,
      mfaEnabled: r.mfa_enabled,
      lastSignInAt: r.last_sign_in_at,
    }));
  }

  /** Every stored MFA secret, locked for re-encryption. */
  async mfaSecrets(tx: Tx): Promise<Array<{ id: string; mfaSecret: string }>> {
    const rows = await this.q<{ id: string; mfa_secret: string }>(
      tx,
      `SELECT id, mfa_secret FROM app_user WHERE mfa_secret IS NOT NULL ORDER BY id FOR UPDATE`,
      [],
    );
    return rows.map((r) => ({ id: r.id, mfaSecret: r.mfa_secret }));
  }

  async replaceMfaSecret(userId: string, secret: string, tx: Tx): Promise<void> {
    await this.q(tx, `UPDATE app_user SET mfa_secret = $2 WHERE id = $1`, [userId, secret]);
  }

  async countActiveAdmins(organisationId: string, tx?: Tx): Promise<number> {
    const [r] = await this.q<{ n: string }>(
      tx,
      `SELECT count(*) AS n FROM membership WHERE organisation_id = $1 AND status = 'active' AND 'admin' = ANY (roles)`,
      [organisationId],
    );
    return Number(r.n);
  }
}
