import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation not yet accepted has not joined. `joined_at` defaults to the time of the insert
 * (for members added directly), so an `invited` row inserted without naming it would count as
 * joined, and reactivating it later would make a member of someone who never accepted: the
 * database refuses such a row. Rows of that kind written before are set back to not joined.
 */
export class MembershipInvitedNotJoined1764910000000 implements MigrationInterface {
  name = 'MembershipInvitedNotJoined1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE membership SET joined_at = NULL WHERE status = 'invited' AND joined_at IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE membership ADD CONSTRAINT membership_invited_not_joined
      CHECK (status <> 'invited' OR joined_at IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership DROP CONSTRAINT membership_invited_not_joined`);
  }
}
