import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that encrypts secrets at rest on this machine: made once, kept in the data folder
 * (never in the repository), readable only by its owner.
 */
export function localEncryptionKeys(dataDir: string): string {
  const file = join(dataDir, 'encryption-keys');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `local1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    console.log(`Created an encryption key for secrets at rest in ${file}`);
  }
  return readFileSync(file, 'utf8').trim();
}
