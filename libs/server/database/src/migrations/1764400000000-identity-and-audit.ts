import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAudit1764400000000 implements MigrationInterface {
  name = 'IdentityAndAudit1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL DEFAULT 'America/New_York',
        mfa_required boolean NOT NULL DEFAULT false,
        idle_timeout_privileged_minutes integer NOT NULL DEFAULT 15 CHECK (idle_timeout_privileged_minutes BETWEEN 1 AND 720),
        idle_timeout_standard_minutes integer NOT NULL DEFAULT 30 CHECK (idle_timeout_standard_minutes BETWEEN 1 AND 720),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
        display_name text NOT NULL,
        password_hash text,
        mfa_secret text,
        mfa_enabled_at timestamptz,
        mfa_last_used_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await q.query(`
      CREATE TABLE membership (
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        roles text[] NOT NULL CHECK (
          cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'marketer', 'reviewer', 'manager', 'viewer']
        ),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited', 'deactivated')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organisation_id, user_id)
      )`);
    await q.query(`CREATE INDEX membership_user_idx ON membership (user_id)`);
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        csrf_hash text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        stage text NOT NULL CHECK (stage IN ('mfa_pending', 'mfa_enrolment', 'active')),
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE recovery_code (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE one_time_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisation (id) ON DELETE CASCADE,
        created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);

    await q.query(`
      CREATE TABLE audit_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid REFERENCES organisation (id),
        seq bigint NOT NULL CHECK (seq > 0),
        at timestamptz NOT NULL,
        action text NOT NULL,
        actor_user_id uuid,
        actor_label text NOT NULL,
        entity_type text,
        entity_id text,
        diff jsonb,
        ip text,
        user_agent text,
        request_id text,
        prev_hash text,
        hash text NOT NULL,
        CONSTRAINT audit_entry_chain_key UNIQUE NULLS NOT DISTINCT (organisation_id, seq)
      )`);
    await q.query(`CREATE INDEX audit_entry_org_at_idx ON audit_entry (organisation_id, at DESC)`);
    await q.query(
      `CREATE INDEX audit_entry_entity_idx ON audit_entry (organisation_id, entity_type, entity_id)`,
    );
    // Append-only: the application's role can insert and read, never rewrite or remove.
    await q.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP FUNCTION audit_entry_append_only`);
    for (const t of [
      'sign_in_throttle',
      'one_time_token',
      'recovery_code',
      'user_session',
      'membership',
      'app_user',
      'organisation',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
