import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret of this machine: made once, kept in the data folder (never in the repository),
 * readable only by its owner.
 */
function localSecret(dataDir: string, fileName: string, what: string, make: () => string): string {
  const file = join(dataDir, fileName);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${make()}\n`, { mode: 0o600 });
    console.log(`Created ${what} in ${file}`);
  }
  return readFileSync(file, 'utf8').trim();
}

/** The key that encrypts secrets at rest on this machine. */
export function localEncryptionKeys(dataDir: string): string {
  return localSecret(
    dataDir,
    'encryption-keys',
    'an encryption key for secrets at rest',
    () => `local1:${randomBytes(32).toString('base64')}`,
  );
}

/** The key that signs the audit trail on this machine (never stored in the database). */
export function localAuditHmacKey(dataDir: string): string {
  return localSecret(dataDir, 'audit-hmac-key', 'the audit trail signing key', () =>
    randomBytes(32).toString('base64'),
  );
}

/** The password of the embedded PostgreSQL's application role. */
export function localAppRolePassword(dataDir: string): string {
  return localSecret(dataDir, 'database-app-password', 'the application database password', () =>
    randomBytes(24).toString('base64url'),
  );
}

/**
 * The password of the embedded PostgreSQL's administrator (the schema's owner). Only the launcher
 * and the embedded PostgreSQL's own process use it; the api and the worker never see it.
 */
export function localDatabaseOwnerPassword(dataDir: string): string {
  return localSecret(dataDir, 'database-owner-password', "the database owner's password", () =>
    randomBytes(24).toString('base64url'),
  );
}
