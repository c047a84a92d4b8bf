/**
 * `npm run secrets:rotate`: re-encrypt every secret stored at rest (MFA secrets, channel
 * credentials) under the active key of DATA_ENCRYPTION_KEYS. Put the new key first (or name it
 * in DATA_ENCRYPTION_ACTIVE_KEY), keep the old ones listed, run this, then drop the old keys.
 */
import 'reflect-metadata';
import { ConfigError, loadAppConfig } from '@carecast/server/config';
import { createSecretRotation } from './app/secret-rotation';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const result = await createSecretRotation(config);
  console.log(
    `Re-encrypted under key "${config.encryption.activeKeyId}": ${result.mfaSecrets} MFA secrets, ` +
      `${result.channelCredentials} channel credentials. Older keys can now be removed.`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Rotation failed: ${(err as Error).message}`);
  process.exit(1);
});
