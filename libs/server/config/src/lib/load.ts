import type { z } from 'zod';
import {
  appEnvSchema,
  launcherEnvSchema,
  sandboxEnvSchema,
  testInfraEnvSchema,
  type TestInfraEnv,
} from './env-schema';
import type { AppConfig, LauncherConfig, SandboxConfig } from './app-config';

export type Env = Record<string, string | undefined>;

/** A configuration problem: one line per variable, each naming it and what is expected. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parse<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  // Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const message = issue.message.startsWith('is required') ? issue.message : `invalid: ${issue.message}`;
      return `${name} ${message} (got ${SECRET_VARIABLES.has(name) && cleaned[name] !== undefined ? 'a value' : describe(cleaned[name])})`;
    });
    throw new ConfigError(problems);
  }
  return result.data;
}

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set([
  'DATA_ENCRYPTION_KEYS',
  'AUDIT_HMAC_KEY',
  'SMTP_URL',
  'EMBEDDED_POSTGRES_PASSWORD',
  'X_CLIENT_SECRET',
  'X_CONSUMER_SECRET',
  'FACEBOOK_APP_SECRET',
  'FACEBOOK_WEBHOOK_VERIFY_TOKEN',
  'SANDBOX_FACEBOOK_APP_SECRET',
  'SANDBOX_X_CLIENT_SECRET',
]);

/** Variables of the database owner: the launcher uses them, the processes it starts never see them. */
const OWNER_ONLY_VARIABLES = ['EMBEDDED_POSTGRES_PASSWORD', 'DATABASE_MIGRATION_URL'] as const;

function describe(value: string | undefined): string {
  if (value === undefined) return 'nothing';
  // Never echo values that might be secrets (URLs carry passwords).
  return /:\/\/.*@/.test(value) ? 'a URL with credentials' : JSON.stringify(value.slice(0, 40));
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  const e = parse(appEnvSchema, env);
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      trustProxy: e.TRUST_PROXY,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`,
      webDistDir: e.WEB_DIST_DIR,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      signInRateLimitPerMinute: e.SIGN_IN_RATE_LIMIT_PER_MINUTE,
    },
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      migrationUrl: e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    worker: { concurrency: e.WORKER_CONCURRENCY, heartbeatIntervalMs: e.WORKER_HEARTBEAT_INTERVAL_MS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    encryption: encryptionKeys(e.DATA_ENCRYPTION_KEYS, e.DATA_ENCRYPTION_ACTIVE_KEY),
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    platforms: {
      xApiBaseUrl: e.X_API_BASE_URL,
      xRequestTimeoutMs: e.X_REQUEST_TIMEOUT_MS,
      facebookGraphBaseUrl: e.FACEBOOK_GRAPH_BASE_URL,
      xOAuth2: e.X_CLIENT_ID
        ? {
            clientId: e.X_CLIENT_ID,
            clientSecret: e.X_CLIENT_SECRET ?? null,
            authorizeUrl: e.X_OAUTH_AUTHORIZE_URL,
          }
        : null,
      xOAuth1:
        e.X_CONSUMER_KEY && e.X_CONSUMER_SECRET
          ? { consumerKey: e.X_CONSUMER_KEY, consumerSecret: e.X_CONSUMER_SECRET }
          : null,
      facebookApp:
        e.FACEBOOK_APP_ID && e.FACEBOOK_APP_SECRET
          ? {
              appId: e.FACEBOOK_APP_ID,
              appSecret: e.FACEBOOK_APP_SECRET,
              dialogUrl: e.FACEBOOK_OAUTH_DIALOG_URL,
            }
          : null,
      facebookWebhookVerifyToken: e.FACEBOOK_WEBHOOK_VERIFY_TOKEN ?? null,
      wordpressAllowedPrivateHosts: e.WORDPRESS_ALLOWED_PRIVATE_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    },
    compliance: {
      linkCheckTimeoutMs: e.LINK_CHECK_TIMEOUT_MS,
      linkCheckCacheSeconds: e.LINK_CHECK_CACHE_SECONDS,
      linkCheckUncheckedCacheSeconds: e.LINK_CHECK_UNCHECKED_CACHE_SECONDS,
      linkCheckAllowedPrivateHosts: e.LINK_CHECK_ALLOWED_PRIVATE_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    },
    blog: { commentsPerHourPerIp: e.BLOG_COMMENTS_PER_HOUR },
    demoData: e.DEMO_DATA ?? e.NODE_ENV === 'development',
    audit: {
      hmacKey: Buffer.from(e.AUDIT_HMAC_KEY, 'base64'),
      checkpointDir: e.AUDIT_CHECKPOINT_DIR,
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    },
    media: { dir: e.MEDIA_DIR, maxUploadBytes: e.MEDIA_MAX_UPLOAD_BYTES },
  };
}

function encryptionKeys(list: string, active: string | undefined): AppConfig['encryption'] {
  const keys: Record<string, Buffer> = {};
  const ids: string[] = [];
  for (const pair of list.split(',')) {
    const [id, key] = pair.split(':');
    keys[id] = Buffer.from(key, 'base64');
    ids.push(id);
  }
  const activeKeyId = active ?? ids[0];
  if (!keys[activeKeyId]) {
    throw new ConfigError([
      `DATA_ENCRYPTION_ACTIVE_KEY invalid: "${activeKeyId}" is not a key id of DATA_ENCRYPTION_KEYS`,
    ]);
  }
  return { keys, activeKeyId };
}

export function loadLauncherConfig(env: Env = process.env): LauncherConfig {
  const e = parse(launcherEnvSchema, env);
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    host: e.HOST,
    port: e.PORT,
    sandboxPort: e.SANDBOX_PORT,
    dataDir: e.CARECAST_DATA_DIR,
    embeddedPostgres: { port: e.EMBEDDED_POSTGRES_PORT, password: e.EMBEDDED_POSTGRES_PASSWORD ?? null },
    embeddedRedisPort: e.EMBEDDED_REDIS_PORT,
    localRedisUrl: e.LOCAL_REDIS_URL,
    dataEncryptionKeys: e.DATA_ENCRYPTION_KEYS ?? null,
    auditHmacKey: e.AUDIT_HMAC_KEY ?? null,
    auditCheckpointDir: e.AUDIT_CHECKPOINT_DIR ?? null,
    mediaDir: e.MEDIA_DIR ?? null,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL ?? null,
    env: e.NODE_ENV,
    /**
     * The environment handed to the processes the launcher starts: never the database owner's
     * secrets (the api, the worker and the sandbox connect as a role that owns nothing).
     */
    childEnv: (overrides) => {
      const child: Env = { ...env, ...overrides };
      for (const name of OWNER_ONLY_VARIABLES) delete child[name];
      return child;
    },
  };
}

export function loadSandboxConfig(env: Env = process.env): SandboxConfig {
  const e = parse(sandboxEnvSchema, env);
  return {
    host: e.HOST,
    port: e.SANDBOX_PORT,
    facebookWebhook:
      e.SANDBOX_FACEBOOK_WEBHOOK_URL && e.SANDBOX_FACEBOOK_APP_SECRET
        ? { url: e.SANDBOX_FACEBOOK_WEBHOOK_URL, appSecret: e.SANDBOX_FACEBOOK_APP_SECRET }
        : null,
    xClient: e.SANDBOX_X_CLIENT_ID
      ? { clientId: e.SANDBOX_X_CLIENT_ID, clientSecret: e.SANDBOX_X_CLIENT_SECRET ?? null }
      : null,
  };
}

/** Where the test suites find PostgreSQL, Redis and Chromium. */
export function loadTestInfraConfig(env: Env = process.env): TestInfraEnv {
  return parse(testInfraEnvSchema, env);
}
