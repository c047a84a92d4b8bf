import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { NotFoundError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { CheckContext } from '@carecast/shared/compliance';
import type { ContentSettings, UpdateContentSettingsRequest } from '@carecast/shared/contracts';
import { ContentSettingsRepository, type ContentSettingsValues } from './content-settings.repository';

type OrgContext = AuditContext & { organisationId: string };

/** Each entry trimmed, blanks dropped, each once (ignoring case). */
function cleanList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values
    .map((v) => v.replace(/\s+/g, ' ').trim())
    .filter((v) => {
      const key = v.toLowerCase();
      if (!v || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function valuesOf(s: ContentSettings | UpdateContentSettingsRequest): ContentSettingsValues {
  return {
    requiredApprovals: { post: s.requiredApprovals.post, health_alert: s.requiredApprovals.health_alert },
    allowEmergencyFastPath: s.allowEmergencyFastPath,
    requireSpanishForAlerts: s.requireSpanishForAlerts,
    contact: {
      phones: cleanList(s.contact.phones),
      emails: cleanList(s.contact.emails),
      addresses: cleanList(s.contact.addresses),
      websites: cleanList(s.contact.websites),
    },
    staffNames: cleanList(s.staffNames),
  };
}

/**
 * An organisation's content settings: approvals needed per kind, the emergency fast path, the
 * Spanish requirement for alerts, and the practice's own published details and staff names
 * (allowed by the privacy checks). Organisations that never saved any have the defaults.
 */
@Injectable()
export class ContentSettingsService {
  constructor(
    private readonly settings: ContentSettingsRepository,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
  ) {}

  async get(organisationId: string): Promise<ContentSettings> {
    return (await this.require(organisationId)).settings;
  }

  async update(ctx: OrgContext, request: UpdateContentSettingsRequest): Promise<ContentSettings> {
    return this.db.run(async (tx) => {
      const before = await this.require(ctx.organisationId, tx);
      const values = valuesOf(request);
      await this.settings.save(tx, ctx.organisationId, values, ctx.actorUserId);
      await this.audit.record(
        ctx,
        {
          action: 'content_settings.changed',
          entityType: 'organisation',
          entityId: ctx.organisationId,
          before: flat(valuesOf(before.settings)),
          after: flat(values),
        },
        tx,
      );
      return (await this.require(ctx.organisationId, tx)).settings;
    });
  }

  /**
   * Settings for an organisation that has none yet (demo data); leaves saved settings as they
   * are. True when they were written now.
   */
  async seed(organisationId: string, values: ContentSettingsValues): Promise<boolean> {
    return this.db.run((tx) =>
      this.settings.save(tx, organisationId, valuesOf({ ...values }), null, { onlyIfNone: true }),
    );
  }

  /** What the compliance checks need to know of the organisation. */
  async checkContext(organisationId: string): Promise<CheckContext> {
    const { organisationName, settings } = await this.require(organisationId);
    return {
      organisation: {
        name: organisationName,
        phones: settings.contact.phones,
        emails: settings.contact.emails,
        addresses: settings.contact.addresses,
        websites: settings.contact.websites,
        staffNames: settings.staffNames,
      },
      requireSpanishForAlerts: settings.requireSpanishForAlerts,
    };
  }

  private async require(organisationId: string, tx?: Parameters<ContentSettingsRepository['get']>[1]) {
    const found = await this.settings.get(organisationId, tx);
    if (!found) throw new NotFoundError('No such organisation.');
    return found;
  }
}

/** One level of fields, so the audit entry shows which setting changed. */
function flat(v: ContentSettingsValues): Record<string, unknown> {
  return {
    requiredApprovalsPost: v.requiredApprovals.post,
    requiredApprovalsHealthAlert: v.requiredApprovals.health_alert,
    allowEmergencyFastPath: v.allowEmergencyFastPath,
    requireSpanishForAlerts: v.requireSpanishForAlerts,
    phones: v.contact.phones,
    emails: v.contact.emails,
    addresses: v.contact.addresses,
    websites: v.contact.websites,
    staffNames: v.staffNames,
  };
}
