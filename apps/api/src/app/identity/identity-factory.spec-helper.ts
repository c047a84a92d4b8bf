import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import type { Client } from 'pg';
import type { MemberStatus, Role } from '@carecast/shared/contracts';

/** The password of every user a factory makes. */
export const FACTORY_PASSWORD = 'Tidal-Orchard-Compass-58';

export interface FactoryOrganisation {
  id: string;
  slug: string;
  name: string;
}

export interface FactoryUser {
  id: string;
  email: string;
  displayName: string;
  password: string;
}

/**
 * Test data for one test: organisations and people of its own, so no test depends on what an
 * earlier one left behind. Rows are written with SQL (one argon2 hash, computed once).
 */
export class IdentityFactory {
  private hash: Promise<string> | null = null;
  private lastJoined = 0;
  private count = 0;

  constructor(private readonly sql: Client) {}

  private unique(label: string): string {
    this.count += 1;
    return `${label}-${this.count}-${randomBytes(3).toString('hex')}`;
  }

  async organisation(options: { name?: string; mfaRequired?: boolean } = {}): Promise<FactoryOrganisation> {
    const slug = this.unique('org');
    const name = options.name ?? `Practice ${slug}`;
    const { rows } = await this.sql.query(
      `INSERT INTO organisation (slug, name, mfa_required) VALUES ($1, $2, $3) RETURNING id, slug, name`,
      [slug, name, options.mfaRequired ?? false],
    );
    return rows[0];
  }

  /** A person with a password, member of each organisation given (active unless said otherwise). */
  async user(
    memberships: Array<{ organisation: FactoryOrganisation; roles: Role[]; status?: MemberStatus }>,
    options: { displayName?: string; email?: string } = {},
  ): Promise<FactoryUser> {
    this.hash ??= argon2.hash(FACTORY_PASSWORD, { type: argon2.argon2id });
    const local = this.unique('person');
    const email = options.email ?? `${local}@${memberships[0]?.organisation.slug ?? 'nowhere'}.example`;
    const displayName = options.displayName ?? `Person ${local}`;
    const { rows } = await this.sql.query(
      `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
      [email, displayName, await this.hash],
    );
    for (const m of memberships) {
      const status = m.status ?? 'active';
      await this.sql.query(
        `INSERT INTO membership (organisation_id, user_id, roles, status, joined_at) VALUES ($1, $2, $3, $4, $5)`,
        [m.organisation.id, rows[0].id, m.roles, status, status === 'invited' ? null : this.joinedNow()],
      );
    }
    return { id: rows[0].id, email, displayName, password: FACTORY_PASSWORD };
  }

  /**
   * Now, but always later than the join time given before: memberships listed first are joined
   * first even when two inserts fall in the same millisecond (sign-in starts where one joined first).
   */
  private joinedNow(): Date {
    this.lastJoined = Math.max(Date.now(), this.lastJoined + 1);
    return new Date(this.lastJoined);
  }

  /** An organisation with an administrator. */
  async organisationWithAdmin(
    options: { name?: string } = {},
  ): Promise<{ organisation: FactoryOrganisation; admin: FactoryUser }> {
    const organisation = await this.organisation(options);
    return { organisation, admin: await this.user([{ organisation, roles: ['admin'] }]) };
  }
}
