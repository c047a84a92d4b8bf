import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';
import { SecretBox, SecretDecryptionError } from '@carecast/server/core';
import type { TransactionRunner, Tx } from '@carecast/server/database';
import type { ChannelCredentialsRepository } from './channel-credentials.repository';
import { ChannelCredentialsService } from './channel-credentials.service';

/** The credentials column of two channels, in memory. */
class FakeCredentials {
  readonly rows = new Map<string, string>();
  async get(channelId: string) {
    return this.rows.get(channelId) ?? null;
  }
  async getForUpdate(channelId: string) {
    return this.get(channelId);
  }
  async set(channelId: string, envelope: string) {
    this.rows.set(channelId, envelope);
  }
  async all() {
    return [...this.rows].map(([id, credentials]) => ({ id, credentials }));
  }
}

const config = {
  encryption: { keys: { k1: randomBytes(32) }, activeKeyId: 'k1' },
  platforms: { xRequestTimeoutMs: 15_000 },
} as unknown as AppConfig;
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function setUp() {
  const repository = new FakeCredentials();
  const db = { run: <T>(work: (tx: Tx) => Promise<T>) => work({} as Tx) } as unknown as TransactionRunner;
  const service = new ChannelCredentialsService(
    repository as unknown as ChannelCredentialsRepository,
    new SecretBox(config),
    db,
    config,
  );
  return { repository, service };
}

describe('channel credentials at rest', () => {
  it('stores them encrypted and gives them back to their own channel', async () => {
    const { repository, service } = setUp();
    await service.store(A, { accessToken: 'token-of-a' });
    expect(repository.rows.get(A)).toMatch(/^v1\.k1\./);
    expect(repository.rows.get(A)).not.toContain('token-of-a');
    await expect(service.load(A)).resolves.toEqual({ accessToken: 'token-of-a' });
  });

  it("refuses channel A's ciphertext copied onto channel B: the encryption is bound to the channel", async () => {
    const { repository, service } = setUp();
    await service.store(A, { accessToken: 'token-of-a' });
    await service.store(B, { accessToken: 'token-of-b' });
    repository.rows.set(B, repository.rows.get(A) as string);
    await expect(service.load(B)).rejects.toBeInstanceOf(SecretDecryptionError);
    await expect(service.load(A)).resolves.toEqual({ accessToken: 'token-of-a' });
  });
});
