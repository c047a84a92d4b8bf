import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '@carecast/server/config';
import { ChannelCredentialsService, ChannelsModule } from '@carecast/server/channels';
import { CoreModule } from '@carecast/server/core';
import { DatabaseModule } from '@carecast/server/database';
import { IdentityModule, MfaService } from '@carecast/server/identity';

export interface RotationResult {
  mfaSecrets: number;
  channelCredentials: number;
}

/** Re-encrypt every secret at rest under the active key (each kind in one transaction). */
export async function createSecretRotation(config: AppConfig): Promise<RotationResult> {
  @Module({
    imports: [ConfigModule.forRoot(config), CoreModule, DatabaseModule, IdentityModule, ChannelsModule],
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
