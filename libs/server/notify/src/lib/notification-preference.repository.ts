import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { NotificationChannels, NotificationKind } from '@carecast/shared/contracts';
import type { StoredPreference } from './notification-recipients';

interface Row {
  user_id: string;
  kind: NotificationKind;
  in_app: boolean;
  email: boolean;
}

const preference = (r: Row): StoredPreference => ({
  userId: r.user_id,
  kind: r.kind,
  inApp: r.in_app,
  email: r.email,
});

/** The choices people made of how to be notified, per organisation and kind (no row: the default). */
@Injectable()
export class NotificationPreferenceRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  /** The stored choices of these users for one kind. */
  async forKind(
    organisationId: string,
    userIds: string[],
    kind: NotificationKind,
    tx?: Tx,
  ): Promise<StoredPreference[]> {
    if (!userIds.length) return [];
    const rows = await this.q<Row>(
      tx,
      `SELECT user_id, kind, in_app, email FROM notification_preference
       WHERE organisation_id = $1 AND user_id = ANY ($2::uuid[]) AND kind = $3`,
      [organisationId, userIds, kind],
    );
    return rows.map(preference);
  }

  /** Every stored choice of one user. */
  async ofUser(organisationId: string, userId: string, tx?: Tx): Promise<StoredPreference[]> {
    const rows = await this.q<Row>(
      tx,
      `SELECT user_id, kind, in_app, email FROM notification_preference
       WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    );
    return rows.map(preference);
  }

  async save(
    organisationId: string,
    userId: string,
    choices: Array<NotificationChannels & { kind: NotificationKind }>,
    at: Date,
    tx?: Tx,
  ): Promise<void> {
    if (!choices.length) return;
    await this.q(
      tx,
      `INSERT INTO notification_preference (organisation_id, user_id, kind, in_app, email, updated_at)
       SELECT $1, $2, kind, in_app, email, $6 FROM unnest($3::text[], $4::boolean[], $5::boolean[]) AS c (kind, in_app, email)
       ON CONFLICT (organisation_id, user_id, kind)
       DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
      [
        organisationId,
        userId,
        choices.map((c) => c.kind),
        choices.map((c) => c.inApp),
        choices.map((c) => c.email),
        at,
      ],
    );
  }
}
