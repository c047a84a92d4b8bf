import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { TransactionRunner } from '@carecast/server/database';
import type { Role } from '@carecast/shared/contracts';
import { IdentityRepository } from './identity.repository';
import { PasswordService } from './password.service';

/** Development only: the password of every demo user (documented in the README). */
export const DEMO_PASSWORD = 'Riverside-Demo-2026';

export const DEMO_USERS: Array<{ email: string; displayName: string; roles: Role[] }> = [
  { email: 'admin@riverside.example', displayName: 'Sam Ortiz', roles: ['admin'] },
  { email: 'dana@riverside.example', displayName: 'Dana Whitfield', roles: ['marketer'] },
  { email: 'marcus@riverside.example', displayName: 'Marcus Lee', roles: ['reviewer'] },
  { email: 'priya@riverside.example', displayName: 'Priya Raman', roles: ['manager'] },
  { email: 'viewer@riverside.example', displayName: 'Vic Hale', roles: ['viewer'] },
];

/**
 * On first start in development: the organisation "Riverside Family Medicine" with one user per
 * role, and a second organisation the administrator also belongs to (to try switching).
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly identity: IdentityRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by the api at start-up: creates the demo data in development, once. */
  async ensureForDevelopment(): Promise<void> {
    if (!this.config.demoData || this.config.env === 'production') return;
    const created = await this.ensure();
    if (created)
      this.logger.log(`Demo organisation created: sign in as ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}`);
  }

  /** Create the demo data unless it exists; true if it was created now. */
  async ensure(): Promise<boolean> {
    const hash = await this.passwords.hash(DEMO_PASSWORD);
    return this.db.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('carecast:demo-data', 0))`);
      if (await this.identity.organisationBySlug('riverside-family-medicine', tx)) return false;
      const riverside = await this.identity.createOrganisation(
        {
          slug: 'riverside-family-medicine',
          name: 'Riverside Family Medicine',
          timeZone: 'America/New_York',
        },
        tx,
      );
      const lakeside = await this.identity.createOrganisation(
        { slug: 'lakeside-pediatrics', name: 'Lakeside Pediatrics', timeZone: 'America/Chicago' },
        tx,
      );
      const system = {
        actorUserId: null,
        actorLabel: 'system (demo data)',
        ip: null,
        userAgent: null,
        requestId: null,
      };
      for (const [i, u] of DEMO_USERS.entries()) {
        const user =
          (await this.identity.userByEmail(u.email, tx)) ??
          (await this.identity.createUser({ ...u, passwordHash: hash }, tx));
        await this.identity.upsertMembership(
          { organisationId: riverside.id, userId: user.id, roles: u.roles, status: 'active' },
          tx,
        );
        await this.audit.record(
          { ...system, organisationId: riverside.id },
          {
            action: 'member.added',
            entityType: 'user',
            entityId: user.id,
            after: { email: u.email, roles: u.roles },
          },
          tx,
        );
        if (i === 0) {
          await this.identity.upsertMembership(
            { organisationId: lakeside.id, userId: user.id, roles: ['admin'], status: 'active' },
            tx,
          );
          await this.audit.record(
            { ...system, organisationId: lakeside.id },
            {
              action: 'member.added',
              entityType: 'user',
              entityId: user.id,
              after: { email: u.email, roles: ['admin'] },
            },
            tx,
          );
        }
      }
      return true;
    });
  }
}
