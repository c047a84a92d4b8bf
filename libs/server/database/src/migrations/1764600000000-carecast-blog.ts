import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Carecast blog: posts with their images, and visitor comments held for moderation. */
export class CarecastBlog1764600000000 implements MigrationInterface {
  name = 'CarecastBlog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blog_post (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        -- Kept when the channel is removed: the content as published is a record (rule A1).
        channel_id uuid REFERENCES channel (id) ON DELETE SET NULL,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        -- The text as it was sent, and the sanitised HTML made from it.
        source_text text NOT NULL,
        body_html text NOT NULL,
        excerpt text NOT NULL,
        link text,
        published_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CONSTRAINT blog_post_slug_key UNIQUE (organisation_id, slug)
      )`);
    await q.query(
      `CREATE INDEX blog_post_listing_idx ON blog_post (organisation_id, published_at DESC, id) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE blog_image (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES blog_post (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 3),
        mime_type text NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
        alt_text text NOT NULL CHECK (length(alt_text) <= 1000),
        bytes bytea NOT NULL,
        CONSTRAINT blog_image_position_key UNIQUE (post_id, position)
      )`);
    await q.query(`
      CREATE TABLE blog_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Cursor order: within an organisation, inserts are serialised, so seq follows commit order.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES blog_post (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES blog_comment (id) ON DELETE CASCADE,
        author_name text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 80),
        -- For the practice to answer privately; never shown on the blog.
        author_email text CHECK (length(author_email) <= 254),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'hidden')),
        from_practice boolean NOT NULL DEFAULT false,
        -- Keyed hash of the sender's address (never the address itself).
        ip_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        moderated_at timestamptz,
        moderated_by uuid REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX blog_comment_post_idx ON blog_comment (post_id, seq)`);
    await q.query(`CREATE INDEX blog_comment_org_seq_idx ON blog_comment (organisation_id, seq)`);
    await q.query(`CREATE INDEX blog_comment_org_status_idx ON blog_comment (organisation_id, status, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blog_comment`);
    await q.query(`DROP TABLE blog_image`);
    await q.query(`DROP TABLE blog_post`);
  }
}
