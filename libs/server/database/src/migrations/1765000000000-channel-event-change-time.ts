import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second edit (or hide) of the same comment is a new event: the delivery key now includes the
 * platform's time of the change, so only a redelivery of the same change is recognised as one.
 */
export class ChannelEventChangeTime1765000000000 implements MigrationInterface {
  name = 'ChannelEventChangeTime1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_event ADD COLUMN changed_at timestamptz`);
    await q.query(`
      UPDATE channel_event
         SET changed_at = to_timestamp(COALESCE(
           CASE WHEN jsonb_typeof(payload -> 'time') = 'number' THEN (payload ->> 'time')::double precision END,
           0))`);
    await q.query(`ALTER TABLE channel_event ALTER COLUMN changed_at SET NOT NULL`);
    await q.query(`ALTER TABLE channel_event DROP CONSTRAINT channel_event_delivery_key`);
    await q.query(`
      ALTER TABLE channel_event ADD CONSTRAINT channel_event_delivery_key
        UNIQUE (channel_id, source, external_id, verb, changed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_event DROP CONSTRAINT channel_event_delivery_key`);
    // Keep the first event of each old delivery key. Events received in one statement share
    // received_at (now()): the earlier change, then the id, breaks the tie.
    await q.query(`
      DELETE FROM channel_event e USING channel_event older
       WHERE e.channel_id = older.channel_id AND e.source = older.source
         AND e.external_id = older.external_id AND e.verb = older.verb
         AND (e.received_at, e.changed_at, e.id) > (older.received_at, older.changed_at, older.id)`);
    await q.query(`
      ALTER TABLE channel_event ADD CONSTRAINT channel_event_delivery_key
        UNIQUE (channel_id, source, external_id, verb)`);
    await q.query(`ALTER TABLE channel_event DROP COLUMN changed_at`);
  }
}
