import { Injectable } from '@nestjs/common';
import { NotFoundError, SecretBox } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import type { ChannelCredentials } from './channel-adapter';
import { ChannelCredentialsRepository } from './channel-credentials.repository';

/**
 * Platform tokens, encrypted at rest (AES-256-GCM, bound to their channel). They leave this
 * service only towards an adapter: never to the API, the browser or the logs.
 */
@Injectable()
export class ChannelCredentialsService {
  constructor(
    private readonly repository: ChannelCredentialsRepository,
    private readonly secrets: SecretBox,
    private readonly db: TransactionRunner,
  ) {}

  async store(channelId: string, credentials: ChannelCredentials, tx?: Tx): Promise<void> {
    await this.repository.set(
      channelId,
      this.secrets.encrypt(JSON.stringify(credentials), context(channelId)),
      tx,
    );
  }

  async load(channelId: string): Promise<ChannelCredentials> {
    const envelope = await this.repository.get(channelId);
    if (!envelope) throw new NotFoundError('This channel has no stored credentials: connect it again.');
    return JSON.parse(this.secrets.decrypt(envelope, context(channelId))) as ChannelCredentials;
  }

  /** Re-encrypt every channel's credentials made with an older key; returns how many. */
  rotate(): Promise<number> {
    return this.db.run(async (tx) => {
      let count = 0;
      for (const row of await this.repository.all(tx)) {
        if (!this.secrets.needsRotation(row.credentials)) continue;
        const plain = this.secrets.decrypt(row.credentials, context(row.id));
        await this.repository.set(row.id, this.secrets.encrypt(plain, context(row.id)), tx);
        count++;
      }
      return count;
    });
  }
}

const context = (channelId: string) => `channel:${channelId}:credentials`;
