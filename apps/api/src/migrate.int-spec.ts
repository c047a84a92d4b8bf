import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadTestInfraConfig } from '@carecast/server/config';
import { runMigrations, scramSha256Verifier } from '@carecast/server/database';
import { createTestDatabase, withRole, type TestDatabase } from '@carecast/server/testing';

/** Whether PostgreSQL's stored SCRAM verifier is the one of `password`. */
function verifies(stored: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(stored);
  if (!match) return false;
  const salted = pbkdf2Sync(password, Buffer.from(match[2], 'base64'), Number(match[1]), 32, 'sha256');
  const storedKey = createHash('sha256')
    .update(createHmac('sha256', salted).update('Client Key').digest())
    .digest('base64');
  const serverKey = createHmac('sha256', salted).update('Server Key').digest('base64');
  return storedKey === match[3] && serverKey === match[4];
}

// An existing install upgraded: the migrations run as the owner, and the role of DATABASE_URL
// does not exist yet (or has another password). The run creates or corrects it, then grants.
describe('runMigrations with the application URL', () => {
  const role = `carecast_app_${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let owner: Client;
  let serverUrl: string;

  beforeAll(async () => {
    serverUrl = loadTestInfraConfig().DATABASE_URL;
    db = await createTestDatabase(serverUrl, 'migrate_app_url');
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`).finally(() => admin.end());
  });

  const stored = async () =>
    (
      await owner.query(
        `SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolpassword
           FROM pg_authid WHERE rolname = $1`,
        [role],
      )
    ).rows[0];

  it('creates the missing role with the password of the URL, owning nothing, and grants it', async () => {
    expect(await stored()).toBeUndefined();
    await runMigrations(db.url, { appUrl: withRole(db.url, role, 'first-Pa$$word') });
    const created = await stored();
    expect(created).toMatchObject({
      rolcanlogin: true,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolbypassrls: false,
    });
    expect(verifies(created.rolpassword, 'first-Pa$$word')).toBe(true);
    expect(verifies(created.rolpassword, 'another')).toBe(false);
    const { rows } = await owner.query(
      `SELECT has_table_privilege($1, 'membership', 'INSERT') AS writes,
              has_table_privilege($1, 'audit_entry', 'UPDATE') AS rewrites_audit`,
      [role],
    );
    expect(rows[0]).toEqual({ writes: true, rewrites_audit: false });
  });

  it('applies a changed password on the next run', async () => {
    await runMigrations(db.url, { appUrl: withRole(db.url, role, 'second password') });
    const changed = await stored();
    expect(verifies(changed.rolpassword, 'second password')).toBe(true);
    expect(verifies(changed.rolpassword, 'first-Pa$$word')).toBe(false);
  });

  it('computes the very verifier PostgreSQL stores for a password (so the statement never holds it)', async () => {
    const other = `${role}_plain`;
    try {
      await owner.query(`SET password_encryption = 'scram-sha-256'`);
      await owner.query(`CREATE ROLE "${other}" PASSWORD 'plain-Pa$$word 1'`);
      const { rows } = await owner.query(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [other]);
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(rows[0].rolpassword) ?? [];
      expect(scramSha256Verifier('plain-Pa$$word 1', Buffer.from(salt, 'base64'), Number(iterations))).toBe(
        rows[0].rolpassword,
      );
    } finally {
      await owner.query(`DROP ROLE IF EXISTS "${other}"`);
    }
  });

  it('corrects a role that was given more than it may have', async () => {
    await owner.query(`ALTER ROLE "${role}" CREATEDB CREATEROLE`);
    await runMigrations(db.url, { appUrl: withRole(db.url, role, 'second password') });
    expect(await stored()).toMatchObject({ rolcreatedb: false, rolcreaterole: false });
  });
});
