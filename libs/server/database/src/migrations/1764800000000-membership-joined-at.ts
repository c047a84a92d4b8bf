import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a person joined an organisation (accepted the invitation, or was added directly). An
 * invitation that was never accepted has none, and a membership without one can never be active:
 * deactivating and reactivating an invitation must not make someone a member who never agreed.
 * Existing memberships count as joined unless they came from an invitation whose acceptance is not
 * on record; an active one of those (never accepted) becomes a withdrawn invitation.
 */
export class MembershipJoinedAt1764800000000 implements MigrationInterface {
  name = 'MembershipJoinedAt1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership ADD COLUMN joined_at timestamptz`);
    await q.query(`
      UPDATE membership m SET joined_at = m.created_at
      WHERE m.status <> 'invited' AND (
        NOT EXISTS (
          SELECT 1 FROM one_time_token t
          WHERE t.purpose = 'invitation' AND t.user_id = m.user_id AND t.organisation_id = m.organisation_id
        )
        OR EXISTS (
          SELECT 1 FROM audit_entry a
          WHERE a.organisation_id = m.organisation_id AND a.action = 'member.joined' AND a.entity_id = m.user_id::text
        )
      )`);
    await q.query(
      `UPDATE membership SET status = 'deactivated' WHERE status = 'active' AND joined_at IS NULL`,
    );
    // Added directly as active (no invitation): joined at once.
    await q.query(`ALTER TABLE membership ALTER COLUMN joined_at SET DEFAULT clock_timestamp()`);
    await q.query(`
      ALTER TABLE membership ADD CONSTRAINT membership_active_has_joined
      CHECK (status <> 'active' OR joined_at IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_active_has_joined`);
    await q.query(`ALTER TABLE membership DROP COLUMN joined_at`);
  }
}
