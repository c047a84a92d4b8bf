import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain becomes keyed (HMAC-SHA256 under a key kept out of the database). Each entry
 * says how its hash was made: 1 = the plain SHA-256 of the entries written before, 2 = the HMAC.
 * Entries already written keep version 1; every new one states its version.
 */
export class AuditKeyedChain1764900000000 implements MigrationInterface {
  name = 'AuditKeyedChain1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry ADD COLUMN hash_version smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE audit_entry ALTER COLUMN hash_version DROP DEFAULT`);
    await q.query(
      `ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_hash_version_check CHECK (hash_version IN (1, 2))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_entry DROP COLUMN hash_version`);
  }
}
