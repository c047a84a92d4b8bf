import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions and comments in the order they were made, even when two carry the same time (the
 * clock's resolution, or a test's clock that stands still): a number given at insert.
 */
export class ReviewOrder1766100000001 implements MigrationInterface {
  name = 'ReviewOrder1766100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`ALTER TABLE review_comment ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`ALTER TABLE finding_override ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`ALTER TABLE outside_review_link ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outside_review_link DROP COLUMN seq`);
    await q.query(`ALTER TABLE finding_override DROP COLUMN seq`);
    await q.query(`ALTER TABLE review_comment DROP COLUMN seq`);
    await q.query(`ALTER TABLE approval DROP COLUMN seq`);
  }
}
