import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'review_requested', 'changes_requested', 'approved', 'expired', 'publish_failed', 'mentioned', 'commented'`;

/**
 * Notifications and each person's choice of how to get them. A notification is one row per
 * recipient, kept (never deleted by the product). It is also the email outbox: `email_status`
 * 'pending' until the worker has mailed it, so an email asked for in a transaction that committed
 * is sent even if Redis was away at that moment (the worker's sweep finds it). `in_app` false
 * means the person wants this kind by email only: the row then never shows in the dashboard.
 * `post_id` has no foreign key: a notification outlives what it was about.
 */
export class Notifications1766200000000 implements MigrationInterface {
  name = 'Notifications1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order of the list and its page cursor.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        recipient_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) <= 1000),
        -- A path inside the dashboard, never another site.
        link text NOT NULL CHECK (link ~ '^/([^/\\\\]|$)' AND length(link) <= 500),
        post_id uuid,
        actor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        in_app boolean NOT NULL,
        email_status text NOT NULL CHECK (email_status IN ('not_wanted', 'pending', 'sent', 'abandoned')),
        emailed_at timestamptz,
        -- When the worker's sweep last queued the email again (a job lost with Redis).
        email_requeued_at timestamptz,
        CONSTRAINT notification_wanted CHECK (in_app OR email_status <> 'not_wanted')
      )`);
    await q.query(
      `CREATE INDEX notification_inbox_idx ON notification (recipient_id, organisation_id, seq DESC) WHERE in_app`,
    );
    await q.query(
      `CREATE INDEX notification_unread_idx ON notification (recipient_id, organisation_id) WHERE in_app AND read_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX notification_email_pending_idx ON notification (created_at) WHERE email_status = 'pending'`,
    );
    await q.query(`CREATE INDEX notification_org_idx ON notification (organisation_id)`);
    await q.query(`
      CREATE TABLE notification_preference (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification`);
  }
}
