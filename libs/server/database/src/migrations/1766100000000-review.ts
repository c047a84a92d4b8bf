import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review of posts: decisions tied to the content hash they were made on (compliance rule A2),
 * comments with mentions, overrides of blocking findings, and the single-use links that let an
 * outside approver (a physician without a seat) decide by email. Decisions are records to keep:
 * a post that has any cannot be deleted (it is cancelled instead).
 */
export class Review1766100000000 implements MigrationInterface {
  name = 'Review1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outside_review_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        -- SHA-256 of the token: the token itself is only in the email.
        token_hash text NOT NULL UNIQUE,
        name text NOT NULL,
        email text NOT NULL,
        message text,
        -- The content the link was made for: a link to a post changed since is refused.
        revision int NOT NULL,
        content_hash text NOT NULL,
        requested_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT outside_review_link_expiry CHECK (expires_at > created_at)
      )`);
    await q.query(
      `CREATE INDEX outside_review_link_post_idx ON outside_review_link (organisation_id, post_id)`,
    );

    await q.query(`
      CREATE TABLE finding_override (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        rule text NOT NULL,
        field text NOT NULL,
        -- The words found; null for a finding about a whole text or a missing part.
        excerpt text,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        reviewer_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        revision int NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX finding_override_once_key ON finding_override (post_id, rule, field, excerpt)
         WHERE excerpt IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX finding_override_once_whole_key ON finding_override (post_id, rule, field) WHERE excerpt IS NULL`,
    );

    await q.query(`
      CREATE TABLE approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        -- No cascade: a decision is kept for as long as the records must be.
        post_id uuid NOT NULL REFERENCES post (id),
        revision int NOT NULL,
        content_hash text NOT NULL,
        -- The channels, author, findings and overrides as they were when the decision was made.
        channels jsonb NOT NULL,
        author_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        author_name text,
        approver_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        approver_name text NOT NULL,
        approver_email text NOT NULL,
        approver_roles text[] NOT NULL DEFAULT '{}',
        outside_link_id uuid REFERENCES outside_review_link (id),
        path text NOT NULL CHECK (path IN ('standard', 'outside', 'fast_track')),
        decision text NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
        comment text,
        findings jsonb NOT NULL,
        overrides jsonb NOT NULL,
        decided_at timestamptz NOT NULL,
        CONSTRAINT approval_outside_has_link CHECK ((path = 'outside') = (outside_link_id IS NOT NULL)),
        CONSTRAINT approval_changes_have_comment CHECK (decision = 'approved' OR length(btrim(coalesce(comment, ''))) > 0)
      )`);
    await q.query(`CREATE INDEX approval_post_idx ON approval (organisation_id, post_id, decided_at)`);
    // Each person approves one content once per path (the fast path's pair is apart from the rest).
    await q.query(
      `CREATE UNIQUE INDEX approval_once_per_person_key ON approval (post_id, content_hash, path, approver_user_id)
         WHERE decision = 'approved' AND approver_user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX approval_once_per_link_key ON approval (outside_link_id) WHERE outside_link_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE review_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        revision int NOT NULL,
        author_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        author_name text NOT NULL,
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        mentioned_user_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX review_comment_post_idx ON review_comment (organisation_id, post_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_comment`);
    await q.query(`DROP TABLE approval`);
    await q.query(`DROP TABLE finding_override`);
    await q.query(`DROP TABLE outside_review_link`);
  }
}
