import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';

const VERSION = 'v1';

/** A stored secret could not be decrypted: wrong key, unknown key id, or tampered ciphertext. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt a stored secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

/**
 * Encryption of secrets at rest (MFA secrets, platform tokens): AES-256-GCM, a fresh IV per
 * message, each ciphertext tagged with the id of its key so keys can be rotated. `context` is
 * bound as additional authenticated data: a ciphertext copied to another row does not decrypt.
 */
@Injectable()
export class SecretBox {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  encrypt(plaintext: string, context: string): string {
    const keyId = this.config.encryption.activeKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  decrypt(envelope: string, context: string): string {
    const [version, keyId, iv, tag, body] = envelope.split('.');
    if (version !== VERSION || !keyId || !iv || !tag || body === undefined)
      throw new SecretDecryptionError('malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (err) {
      if (err instanceof SecretDecryptionError) throw err;
      throw new SecretDecryptionError('authentication failed');
    }
  }

  /** True when the envelope was made with a key other than the active one. */
  needsRotation(envelope: string): boolean {
    return envelope.split('.')[1] !== this.config.encryption.activeKeyId;
  }

  private key(id: string): Buffer {
    const key = this.config.encryption.keys[id];
    if (!key) throw new SecretDecryptionError(`unknown key id "${id}"`);
    return key;
  }
}
