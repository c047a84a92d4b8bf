import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import { type ContentSettings, DEFAULT_CONTENT_SETTINGS } from '@carecast/shared/contracts';

interface Row {
  organisation_name: string;
  required_approvals_post: number | null;
  required_approvals_health_alert: number | null;
  allow_emergency_fast_path: boolean | null;
  require_spanish_for_alerts: boolean | null;
  phones: string[] | null;
  emails: string[] | null;
  addresses: string[] | null;
  websites: string[] | null;
  staff_names: string[] | null;
  updated_at: Date | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

/** An organisation's content settings (the defaults where it has saved none) and its name. */
export interface StoredContentSettings {
  organisationName: string;
  settings: ContentSettings;
}

export type ContentSettingsValues = Omit<ContentSettings, 'updatedAt' | 'updatedBy'>;

/** Content settings, one row per organisation (none until they are first saved). */
@Injectable()
export class ContentSettingsRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  /** Null when there is no such organisation. */
  async get(organisationId: string, tx?: Tx): Promise<StoredContentSettings | null> {
    const [r] = await this.q<Row>(
      tx,
      `SELECT o.name AS organisation_name, s.*, u.display_name AS updated_by_name
         FROM organisation o
         LEFT JOIN content_settings s ON s.organisation_id = o.id
         LEFT JOIN app_user u ON u.id = s.updated_by
        WHERE o.id = $1`,
      [organisationId],
    );
    if (!r) return null;
    const d = DEFAULT_CONTENT_SETTINGS;
    return {
      organisationName: r.organisation_name,
      settings: {
        requiredApprovals: {
          post: r.required_approvals_post ?? d.requiredApprovals.post,
          health_alert: r.required_approvals_health_alert ?? d.requiredApprovals.health_alert,
        },
        allowEmergencyFastPath: r.allow_emergency_fast_path ?? d.allowEmergencyFastPath,
        requireSpanishForAlerts: r.require_spanish_for_alerts ?? d.requireSpanishForAlerts,
        contact: {
          phones: r.phones ?? [],
          emails: r.emails ?? [],
          addresses: r.addresses ?? [],
          websites: r.websites ?? [],
        },
        staffNames: r.staff_names ?? [],
        updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
        updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name ?? 'Former member' } : null,
      },
    };
  }

  /** The id of the organisation with this address name, or null. */
  async organisationIdBySlug(slug: string): Promise<string | null> {
    const [r] = await this.q<{ id: string }>(undefined, `SELECT id FROM organisation WHERE slug = $1`, [
      slug,
    ]);
    return r?.id ?? null;
  }

  /** Write the settings (`onlyIfNone`: only when the organisation has none yet; false if it had). */
  async save(
    tx: Tx,
    organisationId: string,
    s: ContentSettingsValues,
    updatedBy: string | null,
    options: { onlyIfNone?: boolean } = {},
  ): Promise<boolean> {
    const rows = await this.q<{ organisation_id: string }>(
      tx,
      `INSERT INTO content_settings (organisation_id, required_approvals_post, required_approvals_health_alert,
              allow_emergency_fast_path, require_spanish_for_alerts, phones, emails, addresses, websites,
              staff_names, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (organisation_id) DO ${
         options.onlyIfNone
           ? 'NOTHING'
           : `UPDATE SET
              required_approvals_post = EXCLUDED.required_approvals_post,
              required_approvals_health_alert = EXCLUDED.required_approvals_health_alert,
              allow_emergency_fast_path = EXCLUDED.allow_emergency_fast_path,
              require_spanish_for_alerts = EXCLUDED.require_spanish_for_alerts,
              phones = EXCLUDED.phones, emails = EXCLUDED.emails, addresses = EXCLUDED.addresses,
              websites = EXCLUDED.websites, staff_names = EXCLUDED.staff_names,
              updated_by = EXCLUDED.updated_by, updated_at = now()`
       }
       RETURNING organisation_id`,
      [
        organisationId,
        s.requiredApprovals.post,
        s.requiredApprovals.health_alert,
        s.allowEmergencyFastPath,
        s.requireSpanishForAlerts,
        s.contact.phones,
        s.contact.emails,
        s.contact.addresses,
        s.contact.websites,
        s.staffNames,
        updatedBy,
      ],
    );
    return rows.length === 1;
  }
}
