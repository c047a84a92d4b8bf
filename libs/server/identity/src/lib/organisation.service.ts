import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { NotFoundError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { SecuritySettings } from '@carecast/shared/contracts';
import { IdentityRepository } from './identity.repository';
import type { Organisation } from './identity.types';

const settingsOf = (o: Organisation): SecuritySettings => ({
  mfaRequired: o.mfaRequired,
  idleTimeoutPrivilegedMinutes: o.idleTimeoutPrivilegedMinutes,
  idleTimeoutStandardMinutes: o.idleTimeoutStandardMinutes,
});

/** An organisation's security policy: MFA for everyone, idle timeouts. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
  ) {}

  async security(organisationId: string): Promise<SecuritySettings> {
    const o = await this.identity.organisation(organisationId);
    if (!o) throw new NotFoundError('No such organisation.');
    return settingsOf(o);
  }

  async updateSecurity(
    ctx: AuditContext & { organisationId: string },
    settings: SecuritySettings,
  ): Promise<SecuritySettings> {
    return this.db.run(async (tx) => {
      const before = await this.identity.organisation(ctx.organisationId, tx);
      if (!before) throw new NotFoundError('No such organisation.');
      const after = await this.identity.updateSecurity(ctx.organisationId, settings, tx);
      await this.audit.record(
        ctx,
        {
          action: 'organisation.security_changed',
          entityType: 'organisation',
          entityId: ctx.organisationId,
          before: { ...settingsOf(before) },
          after: { ...settingsOf(after) },
        },
        tx,
      );
      return settingsOf(after);
    });
  }
}
