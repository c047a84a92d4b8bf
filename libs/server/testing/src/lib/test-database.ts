import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureLoginRole, runMigrations } from '@carecast/server/database';

/**
 * The role the api and the worker connect as in tests: it signs in and owns nothing, so every
 * integration test proves the product works without owning its schema.
 */
export const TEST_APP_ROLE = 'carecast_app';
const TEST_APP_PASSWORD = 'carecast-app-test';

export interface TestDatabase {
  name: string;
  /** As the schema's owner (the server's administrator): for migrations and for tampering in tests. */
  url: string;
  /** As the application's role (`carecast_app`): what the api and the worker use. */
  appUrl: string;
  drop(): Promise<void>;
}

/** A URL to another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same URL signing in as another role. */
export function withRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Create a throw-away database on the server of `serverUrl`, with every migration applied as the
 * server's administrator and the application role's privileges granted. Each test run gets its
 * own, so runs never collide; the application role is shared by the whole server.
 */
export async function createTestDatabase(serverUrl: string, label = 'test'): Promise<TestDatabase> {
  const name = `carecast_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, async (c) => {
    await ensureLoginRole(c, TEST_APP_ROLE, TEST_APP_PASSWORD, { keepPassword: true });
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(serverUrl, name);
  await runMigrations(url, { appRole: TEST_APP_ROLE });
  return {
    name,
    url,
    appUrl: withRole(url, TEST_APP_ROLE, TEST_APP_PASSWORD),
    drop: () =>
      admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
