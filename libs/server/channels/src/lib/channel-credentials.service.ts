import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
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
  private readonly logger = new Logger(ChannelCredentialsService.name);

  constructor(
    private readonly repository: ChannelCredentialsRepository,
    private readonly secrets: SecretBox,
    private readonly db: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'platforms'>,
  ) {}

  /**
   * How long a renewal waits for another worker's lock on the channel: about as long as that
   * worker can hold it (one request to the platform, which gives up after its timeout, and the
   * write), so a stuck holder ends in "try again later" rather than a wait without end.
   */
  private get lockWaitMs(): number {
    return this.config.platforms.xRequestTimeoutMs + RENEWAL_STORE_MARGIN_MS;
  }

  async store(channelId: string, credentials: ChannelCredentials, tx?: Tx): Promise<void> {
    await this.repository.set(
      channelId,
      this.secrets.encrypt(JSON.stringify(credentials), context(channelId)),
      tx,
    );
  }

  async load(channelId: string): Promise<ChannelCredentials> {
    const envelope = await this.repository.get(channelId);
    if (!envelope) throw noCredentials();
    return this.open(channelId, envelope);
  }

  /**
   * Renew a channel's credentials one worker at a time: with the channel row locked, `renew` gets
   * the credentials stored now (another worker may have renewed them since the caller read them)
   * and answers them as they are, or renewed by the platform; renewed ones are stored before the
   * lock is released. Answers the credentials to use.
   *
   * The platform may refuse the old credentials once it has renewed them, so renewed ones are never
   * dropped: if storing them fails (the transaction is rolled back), they are stored once more,
   * unless the channel's credentials changed in between (a reconnect), and answered either way so
   * the work at hand can finish. Only if the database refuses that too are they lost (logged).
   */
  async renew(
    channelId: string,
    renew: (stored: ChannelCredentials) => Promise<ChannelCredentials>,
  ): Promise<ChannelCredentials> {
    let issued: { replaced: string; credentials: ChannelCredentials } | undefined;
    try {
      return await this.db.run(async (tx) => {
        const envelope = await this.repository.getForUpdate(channelId, tx, this.lockWaitMs);
        if (!envelope) throw noCredentials();
        const stored = this.open(channelId, envelope);
        const renewed = await renew(stored);
        if (renewed === stored) return stored;
        issued = { replaced: envelope, credentials: renewed };
        await this.store(channelId, renewed, tx);
        return renewed;
      });
    } catch (err) {
      if (!issued) throw err;
      await this.storeAfterFailedRenewal(channelId, issued.replaced, issued.credentials, err);
      return issued.credentials;
    }
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

  private async storeAfterFailedRenewal(
    channelId: string,
    replaced: string,
    renewed: ChannelCredentials,
    cause: unknown,
  ): Promise<void> {
    const envelope = this.secrets.encrypt(JSON.stringify(renewed), context(channelId));
    try {
      if (!(await this.repository.replace(channelId, replaced, envelope))) {
        this.logger.warn(
          `Channel ${channelId}: renewed credentials not stored again, the stored ones are no longer those they replace ` +
            `(stored after all, or the channel was reconnected) (${message(cause)}).`,
        );
      }
    } catch (err) {
      this.logger.error(
        `Channel ${channelId}: renewed credentials could not be stored (${message(cause)}; then ${message(err)}); ` +
          'the platform may refuse the stored ones, and the channel then needs reconnecting.',
      );
    }
  }

  private open(channelId: string, envelope: string): ChannelCredentials {
    return JSON.parse(this.secrets.decrypt(envelope, context(channelId))) as ChannelCredentials;
  }
}

/** Time to store renewed credentials, on top of the platform request a renewal waits for. */
const RENEWAL_STORE_MARGIN_MS = 5_000;

const noCredentials = () => new NotFoundError('This channel has no stored credentials: connect it again.');

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const context = (channelId: string) => `channel:${channelId}:credentials`;
