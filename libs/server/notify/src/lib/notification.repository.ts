import { Injectable } from '@nestjs/common';
import { sqlRows, TransactionRunner, type Tx } from '@carecast/server/database';
import type { NotificationKind, NotificationSummary, Role } from '@carecast/shared/contracts';
import type { ActiveMember } from './notification-recipients';

/** What is stored of one notification for one recipient. */
export interface NewNotification {
  organisationId: string;
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  postId: string | null;
  actorId: string | null;
  inApp: boolean;
  email: boolean;
  createdAt: Date;
}

/** A stored notification as the notifier needs it once written. */
export interface WrittenNotification {
  id: string;
  recipientId: string;
  inApp: boolean;
  emailPending: boolean;
}

export type EmailStatus = 'not_wanted' | 'pending' | 'sent' | 'abandoned';

/** A notification whose email is due, with what the email needs (locked until the transaction ends). */
export interface NotificationForMail {
  id: string;
  kind: NotificationKind;
  link: string;
  emailStatus: EmailStatus;
  recipientEmail: string;
  organisationName: string;
  /** The recipient is still an active member of the organisation. */
  recipientActive: boolean;
}

interface SummaryRow {
  id: string;
  seq: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  post_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
  read_at: Date | null;
}

const summary = (r: SummaryRow): NotificationSummary & { seq: string } => ({
  id: r.id,
  seq: r.seq,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  postId: r.post_id,
  actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

const SUMMARY_COLUMNS = `n.id, n.seq, n.kind, n.title, n.body, n.link, n.post_id, n.actor_id,
  a.display_name AS actor_name, n.created_at, n.read_at`;

/**
 * Notifications: one row per recipient, written in the caller's transaction. Every read and
 * change of someone's notifications is scoped to the organisation and the recipient in its SQL,
 * and only sees the rows meant for the dashboard (`in_app`).
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly db: TransactionRunner) {}

  private q<T>(tx: Tx | undefined, sql: string, params: unknown[]): Promise<T[]> {
    return sqlRows<T>(tx ?? this.db.manager, sql, params);
  }

  /** The active members of the organisation with their roles (all of them, or those listed). */
  async activeMembers(
    organisationId: string,
    onlyUserIds: string[] | null,
    tx?: Tx,
  ): Promise<ActiveMember[]> {
    const rows = await this.q<{ user_id: string; roles: Role[] }>(
      tx,
      `SELECT user_id, roles FROM membership
       WHERE organisation_id = $1 AND status = 'active' AND ($2::uuid[] IS NULL OR user_id = ANY ($2::uuid[]))
       ORDER BY joined_at, user_id`,
      [organisationId, onlyUserIds],
    );
    return rows.map((r) => ({ userId: r.user_id, roles: r.roles }));
  }

  async insert(rows: NewNotification[], tx?: Tx): Promise<WrittenNotification[]> {
    if (!rows.length) return [];
    const col = <K extends keyof NewNotification>(key: K) => rows.map((r) => r[key]);
    const written = await this.q<{
      id: string;
      recipient_id: string;
      in_app: boolean;
      email_status: EmailStatus;
    }>(
      tx,
      `INSERT INTO notification
         (organisation_id, recipient_id, kind, title, body, link, post_id, actor_id, in_app, email_status, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
         $8::uuid[], $9::boolean[], $10::text[], $11::timestamptz[])
       RETURNING id, recipient_id, in_app, email_status`,
      [
        col('organisationId'),
        col('recipientId'),
        col('kind'),
        col('title'),
        col('body'),
        col('link'),
        col('postId'),
        col('actorId'),
        col('inApp'),
        rows.map((r) => (r.email ? 'pending' : 'not_wanted')),
        col('createdAt'),
      ],
    );
    return written.map((r) => ({
      id: r.id,
      recipientId: r.recipient_id,
      inApp: r.in_app,
      emailPending: r.email_status === 'pending',
    }));
  }

  /** The given notifications as their recipients see them (those shown in the dashboard). */
  async summaries(
    organisationId: string,
    ids: string[],
    tx?: Tx,
  ): Promise<Array<NotificationSummary & { recipientId: string }>> {
    if (!ids.length) return [];
    const rows = await this.q<SummaryRow & { recipient_id: string }>(
      tx,
      `SELECT ${SUMMARY_COLUMNS}, n.recipient_id FROM notification n LEFT JOIN app_user a ON a.id = n.actor_id
       WHERE n.organisation_id = $1 AND n.id = ANY ($2::uuid[]) AND n.in_app ORDER BY n.seq`,
      [organisationId, ids],
    );
    return rows.map((r) => {
      const { seq: _seq, ...rest } = summary(r);
      return { ...rest, recipientId: r.recipient_id };
    });
  }

  /** A recipient's notifications, newest first: `limit` of them older than `beforeSeq`. */
  async list(
    organisationId: string,
    recipientId: string,
    options: { unreadOnly: boolean; beforeSeq: string | null; limit: number },
    tx?: Tx,
  ): Promise<Array<NotificationSummary & { seq: string }>> {
    const rows = await this.q<SummaryRow>(
      tx,
      `SELECT ${SUMMARY_COLUMNS} FROM notification n LEFT JOIN app_user a ON a.id = n.actor_id
       WHERE n.organisation_id = $1 AND n.recipient_id = $2 AND n.in_app
         AND ($3::boolean IS FALSE OR n.read_at IS NULL) AND ($4::bigint IS NULL OR n.seq < $4::bigint)
       ORDER BY n.seq DESC LIMIT $5`,
      [organisationId, recipientId, options.unreadOnly, options.beforeSeq, options.limit],
    );
    return rows.map(summary);
  }

  /** How many unread notifications each recipient has in the organisation (0 for those with none). */
  async unreadCounts(organisationId: string, recipientIds: string[], tx?: Tx): Promise<Map<string, number>> {
    const rows = await this.q<{ recipient_id: string; unread: string }>(
      tx,
      `SELECT recipient_id, count(*) AS unread FROM notification
       WHERE organisation_id = $1 AND recipient_id = ANY ($2::uuid[]) AND in_app AND read_at IS NULL
       GROUP BY recipient_id`,
      [organisationId, recipientIds],
    );
    const counts = new Map(recipientIds.map((id) => [id, 0]));
    for (const r of rows) counts.set(r.recipient_id, Number(r.unread));
    return counts;
  }

  /**
   * Mark one of the recipient's notifications read (kept as it was if it already is). False
   * when the recipient has no such notification here (none, or someone else's, or another
   * organisation's).
   */
  async markRead(
    organisationId: string,
    recipientId: string,
    id: string,
    at: Date,
    tx?: Tx,
  ): Promise<boolean> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE notification SET read_at = coalesce(read_at, $4)
       WHERE organisation_id = $1 AND recipient_id = $2 AND id = $3 AND in_app RETURNING id`,
      [organisationId, recipientId, id, at],
    );
    return rows.length > 0;
  }

  /** Mark every unread notification of the recipient read; how many were. */
  async markAllRead(organisationId: string, recipientId: string, at: Date, tx?: Tx): Promise<number> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE notification SET read_at = $3
       WHERE organisation_id = $1 AND recipient_id = $2 AND in_app AND read_at IS NULL RETURNING id`,
      [organisationId, recipientId, at],
    );
    return rows.length;
  }

  /** The notification of a mail job, locked, with the address and organisation name the email needs. */
  async lockForMail(id: string, tx: Tx): Promise<NotificationForMail | null> {
    const [r] = await this.q<{
      id: string;
      kind: NotificationKind;
      link: string;
      email_status: EmailStatus;
      email: string;
      organisation_name: string;
      active: boolean;
    }>(
      tx,
      `SELECT n.id, n.kind, n.link, n.email_status, u.email, o.name AS organisation_name,
         coalesce(m.status = 'active', false) AS active
       FROM notification n
       JOIN app_user u ON u.id = n.recipient_id
       JOIN organisation o ON o.id = n.organisation_id
       LEFT JOIN membership m ON m.organisation_id = n.organisation_id AND m.user_id = n.recipient_id
       WHERE n.id = $1 FOR UPDATE OF n`,
      [id],
    );
    return r
      ? {
          id: r.id,
          kind: r.kind,
          link: r.link,
          emailStatus: r.email_status,
          recipientEmail: r.email,
          organisationName: r.organisation_name,
          recipientActive: r.active,
        }
      : null;
  }

  async setEmailStatus(id: string, status: 'sent' | 'abandoned', at: Date, tx: Tx): Promise<void> {
    await this.q(
      tx,
      `UPDATE notification SET email_status = $2, emailed_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz END
       WHERE id = $1`,
      [id, status, at],
    );
  }

  /**
   * Emails still pending that were asked for before `createdBefore` and not queued again since
   * `requeuedBefore`: marked as queued again now and returned (at most `limit`, oldest first).
   */
  async claimStalePendingEmails(
    createdBefore: Date,
    requeuedBefore: Date,
    now: Date,
    limit: number,
    tx?: Tx,
  ): Promise<Array<{ id: string; requeuedAt: Date }>> {
    const rows = await this.q<{ id: string; email_requeued_at: Date }>(
      tx,
      `UPDATE notification SET email_requeued_at = $3
       WHERE id IN (
         SELECT id FROM notification
         WHERE email_status = 'pending' AND created_at < $1
           AND (email_requeued_at IS NULL OR email_requeued_at < $2)
         ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id, email_requeued_at`,
      [createdBefore, requeuedBefore, now, limit],
    );
    return rows.map((r) => ({ id: r.id, requeuedAt: r.email_requeued_at }));
  }

  /** Give up on emails still pending that were asked for before `createdBefore`; how many. */
  async abandonPendingEmails(createdBefore: Date, tx?: Tx): Promise<number> {
    const rows = await this.q<{ id: string }>(
      tx,
      `UPDATE notification SET email_status = 'abandoned'
       WHERE email_status = 'pending' AND created_at < $1 RETURNING id`,
      [createdBefore],
    );
    return rows.length;
  }
}
