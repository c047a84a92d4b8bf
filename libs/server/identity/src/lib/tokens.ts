import { createHash, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';

/** An unguessable opaque token (256 bits), safe in URLs and cookies. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A token that only the holder of `key` can compute, the same each time for the same `purpose`
 * and `material` (256 bits, like randomToken): what lets a retried job send the link it made.
 */
export function derivedToken(key: Buffer, purpose: string, material: string): string {
  const subkey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `carecast.${purpose}`, 32));
  return createHmac('sha256', subkey).update(material, 'utf8').digest('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak reveals no usable token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code like `k7qm-x2re-9dbf` (no look-alike characters). */
export function recoveryCode(): string {
  const group = () =>
    Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/** Recovery codes are compared without case, spaces or dashes. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}
