import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@carecast/server/config';

/** One audit key per test process, so instances sharing a database verify each other's entries. */
const TEST_AUDIT_HMAC_KEY = randomBytes(32);

/** An application configuration for tests, pointed at the given database and Redis prefix. */
export function testAppConfig(overrides: {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  webDistDir?: string;
  heartbeatIntervalMs?: number;
  rateLimitPerMinute?: number;
  signInRateLimitPerMinute?: number;
  /** Where signed audit checkpoints go (default: a new folder under the system's temp folder). */
  auditCheckpointDir?: string;
  /** Where uploaded images go (default: a new folder under the system's temp folder). */
  mediaDir?: string;
}): AppConfig {
  return {
    env: 'test',
    http: {
      host: '127.0.0.1',
      port: 0,
      trustProxy: false,
      publicUrl: 'http://127.0.0.1',
      webDistDir: overrides.webDistDir ?? '',
      rateLimitPerMinute: overrides.rateLimitPerMinute ?? 10_000,
      signInRateLimitPerMinute: overrides.signInRateLimitPerMinute ?? 10_000,
    },
    database: { url: overrides.databaseUrl, poolSize: 4, migrationUrl: overrides.databaseUrl },
    redis: { url: overrides.redisUrl, prefix: overrides.redisPrefix },
    log: { level: 'silent', pretty: false },
    worker: { concurrency: 2, heartbeatIntervalMs: overrides.heartbeatIntervalMs ?? 60_000 },
    shutdownTimeoutMs: 5_000,
    encryption: { keys: { t1: randomBytes(32) }, activeKeyId: 't1' },
    mail: { smtpUrl: null, from: 'Carecast <no-reply@carecast.test>' },
    demoData: false,
    platforms: {
      xApiBaseUrl: 'http://127.0.0.1:9',
      xRequestTimeoutMs: 15_000,
      facebookGraphBaseUrl: 'http://127.0.0.1:9/graph/v24.0',
      xOAuth2: null,
      xOAuth1: null,
      facebookApp: null,
      facebookWebhookVerifyToken: null,
      // The local sandbox and test servers listen on the loopback address.
      wordpressAllowedPrivateHosts: ['127.0.0.1'],
    },
    // Test servers for links listen on the loopback address.
    compliance: {
      linkCheckTimeoutMs: 3_000,
      linkCheckCacheSeconds: 3_600,
      linkCheckUncheckedCacheSeconds: 60,
      linkCheckAllowedPrivateHosts: ['127.0.0.1'],
    },
    blog: { commentsPerHourPerIp: 5 },
    audit: {
      hmacKey: TEST_AUDIT_HMAC_KEY,
      checkpointDir:
        overrides.auditCheckpointDir ??
        join(tmpdir(), `carecast-audit-checkpoints-${process.pid}-${randomBytes(4).toString('hex')}`),
      checkpointIntervalMs: 300_000,
    },
    media: {
      dir:
        overrides.mediaDir ??
        join(tmpdir(), `carecast-media-${process.pid}-${randomBytes(4).toString('hex')}`),
      maxUploadBytes: 10 * 1024 * 1024,
    },
  };
}
