/**
 * `npm start`: the whole product on one machine with embedded defaults.
 * PostgreSQL from DATABASE_URL or embedded; Redis from REDIS_URL, a local one, or a redis-server
 * it starts; then migrations, the platform sandbox, the worker and the api (which serves the
 * dashboard). Ctrl-C stops everything it started.
 */
import { join, resolve } from 'node:path';
import { ConfigError, loadLauncherConfig } from '@carecast/server/config';
import { roleOfUrl, runMigrations } from '@carecast/server/database';
import { startProcess, stopProcess, type Managed } from './processes';
import { connectDemoChannels } from './demo-channels';
import {
  localAppRolePassword,
  localAuditHmacKey,
  localDatabaseOwnerPassword,
  localEncryptionKeys,
} from './secrets';
import {
  ensureEmbeddedAppRole,
  redisAnswers,
  RedisNotFoundError,
  startEmbeddedPostgres,
  startLocalRedis,
  waitForHttp,
} from './services';

// Compiled to dist/tools/launcher/tools/launcher/src/main.js: six levels below the repository.
const ROOT = resolve(__dirname, '../../../../../..');
const entry = (app: string) => resolve(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`);

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  config.dataDir = resolve(ROOT, config.dataDir);
  const cleanups: Array<() => Promise<void>> = [];
  const children: Managed[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Carecast …');
    await Promise.all(children.map((c) => stopProcess(c, 20_000)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: Error) => console.error(e.message));
    console.log('Stopped.');
    process.exit(code);
  };
  const watch = (name: string, exited: Promise<unknown>) =>
    void exited.then(() => {
      if (!stopping) {
        console.error(`${name} stopped unexpectedly; stopping everything.`);
        void shutdown(1);
      }
    });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // Two roles: migrations run as the schema's owner, the api and the worker as a role that
    // owns nothing (it cannot change the schema or switch off the audit trail's protection).
    let databaseUrl = config.databaseUrl;
    let migrationUrl = config.databaseMigrationUrl ?? databaseUrl;
    if (databaseUrl) {
      console.log(
        `PostgreSQL: DATABASE_URL${config.databaseMigrationUrl ? ' (migrations: DATABASE_MIGRATION_URL)' : ''}`,
      );
    } else {
      const ownerPassword = config.embeddedPostgres.password ?? localDatabaseOwnerPassword(config.dataDir);
      const pg = await startEmbeddedPostgres(config, config.childEnv({}), ownerPassword);
      cleanups.push(pg.stop);
      watch('The embedded PostgreSQL', pg.exited);
      migrationUrl = pg.url;
      databaseUrl = await ensureEmbeddedAppRole(pg.url, localAppRolePassword(config.dataDir));
      console.log(`PostgreSQL: ${pg.describe}`);
    }
    const appRole = roleOfUrl(databaseUrl);
    if (!migrationUrl || appRole === roleOfUrl(migrationUrl)) {
      console.warn(
        'Warning: the api and the worker connect as the schema owner. Set DATABASE_MIGRATION_URL to the ' +
          "owner's URL and DATABASE_URL to a role that owns nothing (see README, Database roles).",
      );
    }

    let redisUrl = config.redisUrl;
    if (redisUrl) {
      console.log('Redis: REDIS_URL');
    } else if (await redisAnswers(config.localRedisUrl)) {
      redisUrl = config.localRedisUrl;
      console.log(`Redis: the one answering at ${redisUrl}`);
    } else {
      const redis = await startLocalRedis(config);
      cleanups.push(redis.stop);
      watch('redis-server', redis.exited);
      redisUrl = redis.url;
      console.log(`Redis: ${redis.describe}`);
    }

    const applied = await runMigrations(migrationUrl ?? databaseUrl, {
      appUrl: databaseUrl,
      warn: (message) => console.warn(`Warning: ${message}`),
    });
    console.log(
      applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.',
    );

    const env = config.childEnv({
      DATA_ENCRYPTION_KEYS: config.dataEncryptionKeys ?? localEncryptionKeys(config.dataDir),
      AUDIT_HMAC_KEY: config.auditHmacKey ?? localAuditHmacKey(config.dataDir),
      AUDIT_CHECKPOINT_DIR: resolve(config.auditCheckpointDir ?? join(config.dataDir, 'audit-checkpoints')),
      MEDIA_DIR: resolve(config.mediaDir ?? join(config.dataDir, 'media')),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      HOST: config.host,
      PORT: String(config.port),
      SANDBOX_PORT: String(config.sandboxPort),
      WEB_DIST_DIR: resolve(ROOT, 'dist/apps/web/browser'),
    });
    // The owner's URL and password stay with the launcher: childEnv never passes them on.
    env['LOG_PRETTY'] ??= 'true';
    const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
    const shown = base.replace('127.0.0.1', 'localhost');
    const sandboxShown = `http://localhost:${config.sandboxPort}`;
    // Links, OAuth callbacks and blog URLs use the address printed below.
    env['PUBLIC_URL'] ??= shown;
    Object.assign(env, sandboxPlatforms(env, `http://127.0.0.1:${config.sandboxPort}`, shown));
    for (const app of ['sandbox', 'worker', 'api']) {
      // Own process groups: a Ctrl-C reaches only this launcher, which then stops them in order.
      const child = startProcess(app, process.execPath, [entry(app)], { env, cwd: ROOT, detached: true });
      children.push(child);
      watch(`The ${app} process`, child.exited);
    }

    await waitForHttp(`${base}/api/health/ready`, 90_000, () => !stopping);
    if (config.env !== 'production') {
      const sandbox = `http://127.0.0.1:${config.sandboxPort}`;
      await connectDemoChannels(base, sandbox)
        .then(
          (names) =>
            names.length && console.log(`Demo channels connected to the sandbox: ${names.join(', ')}`),
        )
        .catch((err: Error) => console.error(`Could not connect the demo channels: ${err.message}`));
    }
    const demo =
      config.env === 'production'
        ? ''
        : '  Demo sign-in: admin@riverside.example, password Riverside-Demo-2026 (see README for every role)\n' +
          `  Demo practice's blog: ${shown}/blog/riverside-family-medicine/\n` +
          `  Platform sandbox: ${sandboxShown}\n`;
    console.log(
      `\nCarecast is ready: ${shown}\n${demo}  API docs: ${shown}/api/docs\n  Press Ctrl-C to stop.\n`,
    );
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof RedisNotFoundError ? err.message : err);
    await shutdown(1);
  }
}

/**
 * Unless real platforms are configured, every channel talks to the local sandbox: its API hosts,
 * its OAuth pages (so "Connect with X/Facebook" works), and its signed Facebook webhooks. The app
 * ids and secrets here are the sandbox's own, not real ones.
 */
function sandboxPlatforms(
  env: Record<string, string | undefined>,
  sandbox: string,
  publicUrl: string,
): Record<string, string> {
  const set: Record<string, string> = {};
  if (!env['X_API_BASE_URL']) {
    Object.assign(set, {
      X_API_BASE_URL: sandbox,
      X_CLIENT_ID: 'carecast-sandbox-client',
      X_CLIENT_SECRET: 'carecast-sandbox-client-secret',
      SANDBOX_X_CLIENT_ID: 'carecast-sandbox-client',
      SANDBOX_X_CLIENT_SECRET: 'carecast-sandbox-client-secret',
      X_OAUTH_AUTHORIZE_URL: `${sandbox}/i/oauth2/authorize`,
      X_CONSUMER_KEY: 'carecast-sandbox-consumer',
      X_CONSUMER_SECRET: 'carecast-sandbox-consumer-secret',
    });
  }
  if (env['WORDPRESS_ALLOWED_PRIVATE_HOSTS'] === undefined) {
    set['WORDPRESS_ALLOWED_PRIVATE_HOSTS'] = new URL(sandbox).host;
  }
  if (!env['FACEBOOK_GRAPH_BASE_URL']) {
    const appSecret = 'carecast-sandbox-app-secret';
    Object.assign(set, {
      FACEBOOK_GRAPH_BASE_URL: `${sandbox}/graph/v24.0`,
      FACEBOOK_APP_ID: '100000000000001',
      FACEBOOK_APP_SECRET: appSecret,
      FACEBOOK_OAUTH_DIALOG_URL: `${sandbox}/facebook/v24.0/dialog/oauth`,
      FACEBOOK_WEBHOOK_VERIFY_TOKEN: 'carecast-sandbox-verify-token',
      SANDBOX_FACEBOOK_WEBHOOK_URL: `${publicUrl.replace('localhost', '127.0.0.1')}/api/webhooks/facebook`,
      SANDBOX_FACEBOOK_APP_SECRET: appSecret,
    });
  }
  return set;
}

void main();
