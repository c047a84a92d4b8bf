import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { LauncherConfig } from '@carecast/server/config';
import { ensureLoginRole } from '@carecast/server/database';
import { startProcess, stopProcess, waitForHttp, type Managed } from './processes';

export interface Started {
  url: string;
  describe: string;
  stop: () => Promise<void>;
  /** Resolves when the service's process exits, for whatever reason. */
  exited: Promise<unknown>;
}

/**
 * An embedded PostgreSQL with its data under `<dataDir>/postgres`, kept across restarts. It runs
 * in a child process of its own, so that it is stopped last, after the api and the worker.
 */
export async function startEmbeddedPostgres(
  config: LauncherConfig,
  env: NodeJS.ProcessEnv,
  ownerPassword: string,
): Promise<Started> {
  const managed = startProcess(
    'postgres',
    process.execPath,
    [join(__dirname, 'embedded-postgres.child.js')],
    {
      // Its own process only: the api, the worker and the sandbox never get the owner's password.
      env: { ...env, CARECAST_DATA_DIR: config.dataDir, EMBEDDED_POSTGRES_PASSWORD: ownerPassword },
      detached: true,
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    managed.child.stdout?.on('data', (chunk: string) => {
      const match = /READY (postgres:\/\/\S+)/.exec(chunk);
      if (match) resolve(match[1]);
    });
    void managed.exited.then((code) => reject(new Error(`The embedded PostgreSQL exited (code ${code})`)));
  });
  return {
    url,
    describe: `embedded PostgreSQL on 127.0.0.1:${config.embeddedPostgres.port} (data in ${join(config.dataDir, 'postgres')})`,
    stop: () => stopProcess(managed, 30_000),
    exited: managed.exited,
  };
}

/** The role the api and the worker use on the embedded PostgreSQL: it owns nothing. */
export const EMBEDDED_APP_ROLE = 'carecast_app';

/**
 * Create (or correct) the application's role on the embedded PostgreSQL, as its administrator
 * (`ownerUrl`), and answer the URL that signs in as it.
 */
export async function ensureEmbeddedAppRole(ownerUrl: string, password: string): Promise<string> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await ensureLoginRole(client, EMBEDDED_APP_ROLE, password);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = EMBEDDED_APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export class RedisNotFoundError extends Error {
  constructor() {
    super(
      'Carecast needs Redis, and none was found: nothing answers at REDIS_URL or 127.0.0.1:6379, and ' +
        '"redis-server" is not on the PATH.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),\n' +
        '  or set REDIS_URL to a Redis you have, or run the whole product with: docker compose up',
    );
  }
}

/** A `redis-server` from PATH with its data under `<dataDir>/redis`, append-only file on. */
export async function startLocalRedis(config: LauncherConfig): Promise<Started> {
  const dir = join(config.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = config.embeddedRedisPort;
  let managed: Managed;
  try {
    managed = startProcess(
      'redis',
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
      { detached: true },
    );
    await new Promise<void>((resolve, reject) => {
      managed.child.once('spawn', resolve);
      managed.child.once('error', reject);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new RedisNotFoundError();
    throw err;
  }
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(url))) {
    if (managed.child.exitCode !== null) throw new Error(`redis-server exited (is port ${port} taken?)`);
    if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    describe: `redis-server on 127.0.0.1:${port} (data in ${dir})`,
    stop: () => stopProcess(managed, 10_000),
    exited: managed.exited,
  };
}

export { waitForHttp };
