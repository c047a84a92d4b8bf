import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edit voids the decisions made before it, even when a later edit brings the same words (and
 * so the same content hash) back: a reviewer then approves that content again. Once per person
 * and content is now once per person, content and revision.
 */
export class ApprovalOncePerRevision1766100000002 implements MigrationInterface {
  name = 'ApprovalOncePerRevision1766100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX approval_once_per_person_key`);
    await q.query(
      `CREATE UNIQUE INDEX approval_once_per_person_key ON approval (post_id, content_hash, revision, path, approver_user_id)
         WHERE decision = 'approved' AND approver_user_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX approval_once_per_person_key`);
    await q.query(
      `CREATE UNIQUE INDEX approval_once_per_person_key ON approval (post_id, content_hash, path, approver_user_id)
         WHERE decision = 'approved' AND approver_user_id IS NOT NULL`,
    );
  }
}
