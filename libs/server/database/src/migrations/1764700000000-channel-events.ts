import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platforms push to Carecast about a channel (Facebook Page `feed` webhooks for now),
 * stored as received before anything else happens to it; mention ingestion consumes the rows
 * (`processed_at`). A redelivery of the same change finds its row and is not stored twice.
 */
export class ChannelEvents1764700000000 implements MigrationInterface {
  name = 'ChannelEvents1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('facebook_webhook')),
        -- The platform's words: e.g. item comment/post/status/photo, verb add/edited/remove/hide.
        item text NOT NULL,
        verb text NOT NULL,
        -- The platform's id of the thing that changed (the comment id, else the post id).
        external_id text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        CONSTRAINT channel_event_delivery_key UNIQUE (channel_id, source, external_id, verb)
      )`);
    await q.query(`CREATE INDEX channel_event_org_idx ON channel_event (organisation_id)`);
    await q.query(
      `CREATE INDEX channel_event_unprocessed_idx ON channel_event (received_at) WHERE processed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_event`);
  }
}
