import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Removing a channel no longer deletes the variants of the posts that go to it behind their back
 * (no version, no audit, and an approved post's stored content hash no longer matched what it
 * would publish). The content part of the product takes the channel off the posts it may (new
 * version, audited) or refuses the removal; a variant still pointing at the channel makes the
 * database refuse the delete. NO ACTION rather than RESTRICT: deleting an organisation removes
 * its posts and channels in one statement, checked at its end.
 */
export class PostVariantKeepsChannel1766000000050 implements MigrationInterface {
  name = 'PostVariantKeepsChannel1766000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE post_variant DROP CONSTRAINT post_variant_channel_id_fkey`);
    await q.query(
      `ALTER TABLE post_variant ADD CONSTRAINT post_variant_channel_id_fkey
         FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE post_variant DROP CONSTRAINT post_variant_channel_id_fkey`);
    await q.query(
      `ALTER TABLE post_variant ADD CONSTRAINT post_variant_channel_id_fkey
         FOREIGN KEY (channel_id) REFERENCES channel (id) ON DELETE CASCADE`,
    );
  }
}
