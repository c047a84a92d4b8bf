import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Channels1764500000000 implements MigrationInterface {
  name = 'Channels1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('facebook_page', 'x_account', 'wordpress_blog', 'carecast_blog')),
        display_name text NOT NULL,
        external_account_id text NOT NULL,
        status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'needs_reconnect', 'disabled')),
        last_error text,
        capabilities jsonb NOT NULL DEFAULT '{}',
        settings jsonb NOT NULL DEFAULT '{}',
        -- AES-256-GCM envelope (key id inside); never returned by the API.
        credentials text,
        connected_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_account_key UNIQUE (organisation_id, kind, external_account_id)
      )`);
    await q.query(`CREATE INDEX channel_org_idx ON channel (organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel`);
  }
}
