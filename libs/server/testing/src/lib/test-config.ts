import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@carecast/server/config';

/** An application configuration for tests, pointed at the given database and Redis prefix. */
export function testAppConfig(overrides: {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  webDistDir?: string;
  heartbeatIntervalMs?: number;
  rateLimitPerMinute?: number;
  signInRateLimitPerMinute?: number;
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
    database: { url: overrides.databaseUrl, poolSize: 4 },
    redis: { url: overrides.redisUrl, prefix: overrides.redisPrefix },
    log: { level: 'silent', pretty: false },
    worker: { concurrency: 2, heartbeatIntervalMs: overrides.heartbeatIntervalMs ?? 60_000 },
    shutdownTimeoutMs: 5_000,
    encryption: { keys: { t1: randomBytes(32) }, activeKeyId: 't1' },
    mail: { smtpUrl: null, from: 'Carecast <no-reply@carecast.test>' },
    demoData: false,
    platforms: {
      xApiBaseUrl: 'http://127.0.0.1:9',
      facebookGraphBaseUrl: 'http://127.0.0.1:9/graph/v24.0',
      xOAuth2: null,
      xOAuth1: null,
      facebookApp: null,
      facebookWebhookVerifyToken: null,
    },
    blog: { commentsPerHourPerIp: 5 },
  };
}
