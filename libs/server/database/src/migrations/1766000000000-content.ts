import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'expired',
  'cancelled',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Posts and what they are made of: per-channel variants, images (stored files with their metadata
 * removed), a version row per saved revision, and each organisation's content settings.
 */
export class Content1766000000000 implements MigrationInterface {
  name = 'Content1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE content_settings (
        organisation_id uuid PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
        required_approvals_post int NOT NULL DEFAULT 1 CHECK (required_approvals_post BETWEEN 1 AND 3),
        required_approvals_health_alert int NOT NULL DEFAULT 1
          CHECK (required_approvals_health_alert BETWEEN 1 AND 3),
        allow_emergency_fast_path boolean NOT NULL DEFAULT false,
        require_spanish_for_alerts boolean NOT NULL DEFAULT false,
        -- The practice's own published details and staff names: allowed by the privacy checks.
        phones text[] NOT NULL DEFAULT '{}',
        emails text[] NOT NULL DEFAULT '{}',
        addresses text[] NOT NULL DEFAULT '{}',
        websites text[] NOT NULL DEFAULT '{}',
        staff_names text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);

    await q.query(`
      CREATE TABLE media_asset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        uploaded_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        -- Where the storage keeps the re-encoded file (never the uploaded original).
        storage_key text NOT NULL UNIQUE,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
        byte_size int NOT NULL CHECK (byte_size > 0),
        width int NOT NULL CHECK (width > 0),
        height int NOT NULL CHECK (height > 0),
        sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX media_asset_org_idx ON media_asset (organisation_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE post (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('post', 'health_alert')),
        state text NOT NULL DEFAULT 'draft' CHECK (state IN (${list(STATES)})),
        urgency text CHECK (urgency IN ('routine', 'urgent', 'emergency')),
        valid_from timestamptz,
        valid_until timestamptz,
        all_clear_text text,
        text text NOT NULL DEFAULT '',
        link text,
        tags text[] NOT NULL DEFAULT '{}',
        spanish_text text,
        spanish_title text,
        spanish_body text,
        scheduled_at timestamptz,
        -- The last time it was sent for review (set by the workflow); null: never submitted.
        submitted_at timestamptz,
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        content_hash text NOT NULL,
        last_edited_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT post_validity_order CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from),
        CONSTRAINT post_alert_fields CHECK (
          kind = 'health_alert' OR (urgency IS NULL AND valid_from IS NULL AND valid_until IS NULL
            AND all_clear_text IS NULL AND spanish_text IS NULL AND spanish_title IS NULL AND spanish_body IS NULL))
      )`);
    await q.query(`CREATE INDEX post_org_updated_idx ON post (organisation_id, updated_at DESC)`);
    await q.query(`CREATE INDEX post_org_state_idx ON post (organisation_id, state)`);
    await q.query(
      `CREATE INDEX post_org_scheduled_idx ON post (organisation_id, scheduled_at) WHERE scheduled_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX post_tags_idx ON post USING gin (tags)`);

    await q.query(`
      CREATE TABLE post_variant (
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        text text,
        title text,
        body text,
        PRIMARY KEY (post_id, channel_id)
      )`);
    await q.query(`CREATE INDEX post_variant_channel_idx ON post_variant (channel_id)`);

    await q.query(`
      CREATE TABLE post_media (
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position BETWEEN 0 AND 3),
        media_id uuid NOT NULL REFERENCES media_asset (id) ON DELETE RESTRICT,
        alt_text text,
        decorative boolean NOT NULL DEFAULT false,
        PRIMARY KEY (post_id, position)
      )`);
    await q.query(`CREATE INDEX post_media_media_idx ON post_media (media_id)`);

    await q.query(`
      CREATE TABLE post_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        revision int NOT NULL CHECK (revision >= 1),
        -- Everything the revision held (what would be published, and its campaign tags).
        snapshot jsonb NOT NULL,
        content_hash text NOT NULL,
        editor_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT post_version_revision_key UNIQUE (post_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE post_version`);
    await q.query(`DROP TABLE post_media`);
    await q.query(`DROP TABLE post_variant`);
    await q.query(`DROP TABLE post`);
    await q.query(`DROP TABLE media_asset`);
    await q.query(`DROP TABLE content_settings`);
  }
}
