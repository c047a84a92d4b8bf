import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import { SecretBox, SecretDecryptionError } from './secret-box';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const box = (active: string, keys: Record<string, Buffer> = { k1, k2 }) =>
  new SecretBox({ encryption: { keys, activeKeyId: active } } as unknown as AppConfig);

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = box('k1').encrypt('JBSWY3DPEHPK3PXP', 'user:1:mfa');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box('k1').decrypt(sealed, 'user:1:mfa')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh IV each time', () => {
    expect(box('k1').encrypt('same', 'c')).not.toBe(box('k1').encrypt('same', 'c'));
  });

  it('decrypts with an older key after rotation, and says which need re-encryption', () => {
    const old = box('k1').encrypt('token', 'c');
    const rotated = box('k2');
    expect(rotated.decrypt(old, 'c')).toBe('token');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('token', 'c'))).toBe(false);
  });

  it('refuses a ciphertext moved to another context, tampered with, or of an unknown key', () => {
    const sealed = box('k1').encrypt('secret', 'user:1:mfa');
    expect(() => box('k1').decrypt(sealed, 'user:2:mfa')).toThrow(SecretDecryptionError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => box('k1').decrypt(parts.join('.'), 'user:1:mfa')).toThrow('authentication failed');
    expect(() => box('k2', { k2 }).decrypt(sealed, 'user:1:mfa')).toThrow('unknown key id "k1"');
  });

  it('names a malformed envelope as such, before trying any key', () => {
    const sealed = box('k1').encrypt('secret', 'c');
    const [, keyId, iv, tag, body] = sealed.split('.');
    const malformed = [
      '',
      'v1',
      `v2.${keyId}.${iv}.${tag}.${body}`,
      `.${keyId}.${iv}.${tag}.${body}`,
      `v1..${iv}.${tag}.${body}`,
      `v1.${keyId}..${tag}.${body}`,
      `v1.${keyId}.${iv}..${body}`,
      `v1.${keyId}.${iv}.${tag}`,
      `v1.unknown.${iv}.${tag}`,
    ];
    for (const envelope of malformed) {
      const err = (() => {
        try {
          box('k1').decrypt(envelope, 'c');
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(SecretDecryptionError);
      expect((err as Error).message).toBe('Cannot decrypt a stored secret: malformed');
      expect((err as Error).name).toBe('SecretDecryptionError');
    }
  });

  it('decrypts an empty secret (an empty body is not a malformed envelope)', () => {
    const sealed = box('k1').encrypt('', 'c');
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed.endsWith('.')).toBe(true);
    expect(box('k1').decrypt(sealed, 'c')).toBe('');
  });

  it('round-trips text beyond ASCII, bound to a context beyond ASCII', () => {
    const sealed = box('k1').encrypt('Grüße, 東京 🩺', 'chännel:é');
    expect(box('k1').decrypt(sealed, 'chännel:é')).toBe('Grüße, 東京 🩺');
    expect(() => box('k1').decrypt(sealed, 'channel:e')).toThrow('authentication failed');
  });
});
