import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '@carecast/server/config';
import { ChannelCredentialsService, ChannelsModule } from '@carecast/server/channels';
import { CoreModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { IdentityModule, MfaService } from '@carecast/server/identity';
import { QueueModule } from '@carecast/server/queue';

export interface RotationResult {
  mfaSecrets: number;
  channelCredentials: number;
}

/**
 * Re-encrypt every secret at rest under the active key (each kind in one transaction). The
 * identity module queues mail, so the command needs the product's Redis as well as its database.
 */
export async function createSecretRotation(config: AppConfig): Promise<RotationResult> {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      CoreModule,
      DatabaseModule,
      QueueModule.forRoot(),
      IdentityModule,
      ChannelsModule,
    ],
  })
  class SecretRotationModule {}

  const app = await NestFactory.createApplicationContext(SecretRotationModule, { logger: ['error', 'warn'] });
  try {
    return {
      mfaSecrets: await app.get(MfaService).rotateSecrets(),
      channelCredentials: await app.get(ChannelCredentialsService).rotate(),
    };
  } finally {
    await app.close();
  }
}
