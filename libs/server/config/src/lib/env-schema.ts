import { z } from 'zod';
import { parseAllowedPrivateHost } from './allowed-private-hosts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = z.coerce
  .number({ message: 'expected a TCP port number (1-65535)' })
  .int('expected a TCP port number (1-65535)')
  .min(1, 'expected a TCP port number (1-65535)')
  .max(65535, 'expected a TCP port number (1-65535)');

const positiveInt = (what: string) =>
  z.coerce
    .number({ message: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string({
    message: 'is required: a PostgreSQL URL such as postgres://user:password@localhost:5432/carecast',
  })
  .regex(
    /^postgres(ql)?:\/\/[^/]+\/[^/?]+/,
    'expected a PostgreSQL URL such as postgres://user:password@localhost:5432/carecast',
  );

const redisUrl = z
  .string({ message: 'is required: a Redis URL such as redis://localhost:6379' })
  .regex(
    /^rediss?:\/\/[^/]+(\/\d+)?$/,
    'expected a Redis URL such as redis://localhost:6379 or redis://host:6379/2',
  );

/** Variables read by the api and the worker. */
export const appEnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      message: 'expected development, production or test',
    })
    .default('development'),
  HOST: z.string().min(1, 'expected a host name or IP address to listen on').default('127.0.0.1'),
  PORT: port.default(3000),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|yes|no|\d{1,2})$/,
      'expected true, false, or the number of proxies in front (e.g. 1)',
    )
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v === 'true' || v === 'yes'))
    .default(false),
  PUBLIC_URL: z.url({ message: 'expected an absolute http(s) URL' }).optional(),
  WEB_DIST_DIR: z.string().default('dist/apps/web/browser'),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: positiveInt('a positive whole number of connections').default(10),
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'expected 1-64 letters, digits, ":", "_" or "-"')
    .default('carecast'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_PRETTY: bool.default(false),
  WORKER_CONCURRENCY: positiveInt('a positive whole number of parallel jobs').default(4),
  WORKER_HEARTBEAT_INTERVAL_MS: positiveInt('a positive number of milliseconds').default(10_000),
  RATE_LIMIT_PER_MINUTE: positiveInt('a positive whole number of requests').default(600),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: positiveInt('a positive whole number of requests').default(20),
  SHUTDOWN_TIMEOUT_MS: positiveInt('a positive number of milliseconds').default(15_000),
  DATA_ENCRYPTION_KEYS: z
    .string({
      message:
        'is required: one or more "keyId:base64key" pairs (32-byte keys), comma-separated; ' +
        "make one with: node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"",
    })
    .regex(
      /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/,
      'expected comma-separated "keyId:base64key" pairs, each key 32 bytes in base64',
    ),
  DATA_ENCRYPTION_ACTIVE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected a key id')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'expected an SMTP URL such as smtp://user:password@mail.example.org:587')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Carecast <no-reply@carecast.local>'),
  X_API_BASE_URL: z.url({ message: 'expected an absolute http(s) URL' }).default('https://api.x.com'),
  X_REQUEST_TIMEOUT_MS: positiveInt('a positive number of milliseconds').default(15_000),
  FACEBOOK_GRAPH_BASE_URL: z
    .url({ message: 'expected an absolute http(s) URL' })
    .default('https://graph.facebook.com/v24.0'),
  X_CLIENT_ID: z.string().min(1).optional(),
  X_CLIENT_SECRET: z.string().min(1).optional(),
  X_OAUTH_AUTHORIZE_URL: z
    .url({ message: 'expected an absolute http(s) URL' })
    .default('https://x.com/i/oauth2/authorize'),
  X_CONSUMER_KEY: z.string().min(1).optional(),
  X_CONSUMER_SECRET: z.string().min(1).optional(),
  FACEBOOK_APP_ID: z.string().min(1).optional(),
  FACEBOOK_APP_SECRET: z.string().min(1).optional(),
  FACEBOOK_OAUTH_DIALOG_URL: z
    .url({ message: 'expected an absolute http(s) URL' })
    .default('https://www.facebook.com/v24.0/dialog/oauth'),
  FACEBOOK_WEBHOOK_VERIFY_TOKEN: z.string().min(8, 'expected at least 8 characters').optional(),
  WORDPRESS_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .superRefine((value, ctx) => {
      for (const entry of value.split(',').map((e) => e.trim())) {
        if (!entry) continue;
        const parsed = parseAllowedPrivateHost(entry);
        if ('problem' in parsed)
          ctx.addIssue({ code: 'custom', message: `entry ${JSON.stringify(entry)} ${parsed.problem}` });
      }
    })
    .default(''),
  LINK_CHECK_TIMEOUT_MS: positiveInt('a positive number of milliseconds').default(3_000),
  LINK_CHECK_CACHE_SECONDS: positiveInt('a positive number of seconds').default(3_600),
  LINK_CHECK_UNCHECKED_CACHE_SECONDS: positiveInt('a positive number of seconds').default(60),
  LINK_CHECK_ALLOWED_PRIVATE_HOSTS: z
    .string()
    .superRefine((value, ctx) => {
      for (const entry of value.split(',').map((e) => e.trim())) {
        if (!entry) continue;
        const parsed = parseAllowedPrivateHost(entry);
        if ('problem' in parsed)
          ctx.addIssue({ code: 'custom', message: `entry ${JSON.stringify(entry)} ${parsed.problem}` });
      }
    })
    .default(''),
  BLOG_COMMENTS_PER_HOUR: positiveInt('a positive whole number of comments').default(5),
  DEMO_DATA: bool.optional(),
  AUDIT_HMAC_KEY: z
    .string({
      message:
        'is required: a 32-byte key in base64 that signs the audit trail; ' +
        "make one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    })
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'expected a 32-byte key in base64 (44 characters ending in "=")'),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).default('.data/audit-checkpoints'),
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt('a positive number of milliseconds').default(300_000),
  MEDIA_DIR: z.string().min(1).default('.data/media'),
  MEDIA_MAX_UPLOAD_BYTES: positiveInt('a positive whole number of bytes').default(10 * 1024 * 1024),
});
export type AppEnv = z.infer<typeof appEnvSchema>;

/** Variables read by `npm start` (the single-host launcher) in addition to the app's own. */
export const launcherEnvSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  SANDBOX_PORT: port.default(3100),
  CARECAST_DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  /** Unset: a password made once for this machine and kept in the data folder. */
  EMBEDDED_POSTGRES_PASSWORD: z.string().min(1).optional(),
  EMBEDDED_REDIS_PORT: port.default(6390),
  LOCAL_REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  DATA_ENCRYPTION_KEYS: z.string().optional(),
  AUDIT_HMAC_KEY: z.string().optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  MEDIA_DIR: z.string().min(1).optional(),
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

/** Variables read by the platform emulator. */
export const sandboxEnvSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    SANDBOX_PORT: port.default(3100),
    SANDBOX_FACEBOOK_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' })
      .optional(),
    SANDBOX_FACEBOOK_APP_SECRET: z.string().min(1).optional(),
    SANDBOX_X_CLIENT_ID: z.string().min(1).optional(),
    SANDBOX_X_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SANDBOX_FACEBOOK_WEBHOOK_URL && !env.SANDBOX_FACEBOOK_APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SANDBOX_FACEBOOK_APP_SECRET'],
        message:
          'is required when SANDBOX_FACEBOOK_WEBHOOK_URL is set: the app secret that signs the webhook notifications (the FACEBOOK_APP_SECRET the api checks them with)',
      });
    }
  });
export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

/** Variables read by the test suites: the servers to create throw-away databases and key prefixes on. */
export const testInfraEnvSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});
export type TestInfraEnv = z.infer<typeof testInfraEnvSchema>;
