import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { loadTestInfraConfig } from '@carecast/server/config';
import { MIGRATIONS } from '@carecast/server/database';
import { createTestDatabase, type TestDatabase } from '@carecast/server/testing';

/** An invitation that was never accepted can never carry a time of joining. */
describe('membership: an invitation has not joined', () => {
  let db: TestDatabase;
  let sql: Client;
  let organisationId: string;

  beforeAll(async () => {
    db = await createTestDatabase(loadTestInfraConfig().DATABASE_URL, 'migration_invited');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    organisationId = (
      await sql.query(`INSERT INTO organisation (slug, name) VALUES ('riverside', 'Riverside') RETURNING id`)
    ).rows[0].id;
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  async function user(email: string): Promise<string> {
    return (
      await sql.query(`INSERT INTO app_user (email, display_name) VALUES ($1, 'Someone') RETURNING id`, [
        email,
      ])
    ).rows[0].id;
  }

  const runner = () =>
    ({ query: (text: string) => sql.query(text).then((r) => r.rows) }) as unknown as QueryRunner;

  it('refuses an invited membership inserted without naming joined_at (its default is now)', async () => {
    const userId = await user('invited-default@lakeside.example');
    await expect(
      sql.query(
        `INSERT INTO membership (organisation_id, user_id, roles, status) VALUES ($1, $2, '{viewer}', 'invited')`,
        [organisationId, userId],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'membership_invited_not_joined' });
  });

  it('refuses an invited membership given a time of joining, or one turned back to invited', async () => {
    const userId = await user('invited-joined@lakeside.example');
    await expect(
      sql.query(
        `INSERT INTO membership (organisation_id, user_id, roles, status, joined_at)
         VALUES ($1, $2, '{viewer}', 'invited', now())`,
        [organisationId, userId],
      ),
    ).rejects.toMatchObject({ constraint: 'membership_invited_not_joined' });
    await sql.query(
      `INSERT INTO membership (organisation_id, user_id, roles, status) VALUES ($1, $2, '{viewer}', 'active')`,
      [organisationId, userId],
    );
    await expect(
      sql.query(`UPDATE membership SET status = 'invited' WHERE user_id = $1`, [userId]),
    ).rejects.toMatchObject({ constraint: 'membership_invited_not_joined' });
  });

  it('accepts an invitation without a time of joining, and its acceptance with one', async () => {
    const userId = await user('invited-ok@lakeside.example');
    await sql.query(
      `INSERT INTO membership (organisation_id, user_id, roles, status, joined_at)
       VALUES ($1, $2, '{viewer}', 'invited', NULL)`,
      [organisationId, userId],
    );
    await sql.query(`UPDATE membership SET status = 'active', joined_at = now() WHERE user_id = $1`, [
      userId,
    ]);
    const { rows } = await sql.query(`SELECT status, joined_at FROM membership WHERE user_id = $1`, [userId]);
    expect(rows[0]).toMatchObject({ status: 'active', joined_at: expect.any(Date) });
  });

  it('sets invitations written with a time of joining before it back to not joined', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'MembershipInvitedNotJoined1764910000000');
    if (!Migration) throw new Error('the migration is not registered');
    const migration = new Migration();
    const userId = await user('invited-before@lakeside.example');
    await migration.down(runner());
    try {
      await sql.query(
        `INSERT INTO membership (organisation_id, user_id, roles, status) VALUES ($1, $2, '{viewer}', 'invited')`,
        [organisationId, userId],
      );
    } finally {
      await migration.up(runner());
    }
    const { rows } = await sql.query(`SELECT status, joined_at FROM membership WHERE user_id = $1`, [userId]);
    expect(rows).toEqual([{ status: 'invited', joined_at: null }]);
  });
});
