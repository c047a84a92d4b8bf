import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { loadTestInfraConfig } from '@carecast/server/config';
import { runMigrations } from '../lib/migrate';
import { ChannelEventChangeTime1765000000000 } from './1765000000000-channel-event-change-time';

/** A throw-away database with every migration applied (the testing library builds on this one). */
async function throwAwayDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = loadTestInfraConfig().DATABASE_URL;
  const name = `carecast_migration_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The change-time migration undone and applied again on a throw-away database that holds events. */
describe('channel_event change time migration, down and up again', () => {
  let db: { url: string; drop: () => Promise<void> };
  let sql: Client;

  beforeAll(async () => {
    db = await throwAwayDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  it('keeps one event per delivery key when going down, even for changes received in one statement', async () => {
    const [organisationId] = (
      await sql.query(`INSERT INTO organisation (slug, name) VALUES ('riverside', 'Riverside') RETURNING id`)
    ).rows.map((r) => r.id as string);
    const [channelId] = (
      await sql.query(
        `INSERT INTO channel (organisation_id, kind, display_name, external_account_id, capabilities, settings)
         VALUES ($1, 'facebook_page', 'Riverside', 'page-1', '{}', '{}') RETURNING id`,
        [organisationId],
      )
    ).rows.map((r) => r.id as string);
    // Two edits of one comment and one other comment, all received in one statement (one now()).
    await sql.query(
      `INSERT INTO channel_event (organisation_id, channel_id, source, item, verb, external_id, payload, changed_at)
       VALUES ($1, $2, 'facebook_webhook', 'comment', 'edited', 'c-1', '{"time": 100}', to_timestamp(100)),
              ($1, $2, 'facebook_webhook', 'comment', 'edited', 'c-1', '{"time": 200}', to_timestamp(200)),
              ($1, $2, 'facebook_webhook', 'comment', 'edited', 'c-1', '{"time": 300}', to_timestamp(300)),
              ($1, $2, 'facebook_webhook', 'comment', 'add', 'c-2', '{"time": 100}', to_timestamp(100))`,
      [organisationId, channelId],
    );
    const runner = { query: (text: string) => sql.query(text).then((r) => r.rows) } as unknown as QueryRunner;
    const migration = new ChannelEventChangeTime1765000000000();

    await sql.query('BEGIN');
    try {
      await migration.down(runner);
      await sql.query('COMMIT');
    } catch (err) {
      await sql.query('ROLLBACK');
      throw err;
    }

    const kept = await sql.query(
      `SELECT external_id, verb, count(*)::int AS n FROM channel_event GROUP BY external_id, verb ORDER BY external_id`,
    );
    expect(kept.rows).toEqual([
      { external_id: 'c-1', verb: 'edited', n: 1 },
      { external_id: 'c-2', verb: 'add', n: 1 },
    ]);

    await migration.up(runner);
    const times = await sql.query(
      `SELECT external_id, extract(epoch FROM changed_at)::int AS at FROM channel_event ORDER BY external_id`,
    );
    expect(times.rows).toEqual([
      { external_id: 'c-1', at: 100 },
      { external_id: 'c-2', at: 100 },
    ]);
    // Up again: a second edit of the same comment is a new event once more.
    await sql.query(
      `INSERT INTO channel_event (organisation_id, channel_id, source, item, verb, external_id, payload, changed_at)
       VALUES ($1, $2, 'facebook_webhook', 'comment', 'edited', 'c-1', '{"time": 400}', to_timestamp(400))`,
      [organisationId, channelId],
    );
    expect((await sql.query(`SELECT count(*)::int AS n FROM channel_event`)).rows[0].n).toBe(3);
  });
});
