import { DataSource } from 'typeorm';
import { ensureLoginRole, grantAppRole, roleOfUrl } from './app-role';
import { dataSourceOptions } from './data-source-options';

export interface MigrationOptions {
  /**
   * The role the api and the worker connect as. After the migrations, it is given read and write
   * on the tables (append only on the audit trail) and nothing else. Null or the migrating role
   * itself: no grants.
   */
  appRole?: string | null;
  /**
   * The URL the api and the worker connect with. Its role is created, or corrected (owning
   * nothing, with the URL's password), before the grants, so an existing database gets the role
   * and a changed password takes effect. Implies `appRole`.
   */
  appUrl?: string | null;
  /** Told what could not be done but did not stop the run. */
  warn?: (message: string) => void;
}

/**
 * Apply every pending migration, each in its own transaction, as the schema's owner (`url`);
 * then grant the application's role its privileges. Returns the names applied.
 */
export async function runMigrations(url: string, options: MigrationOptions = {}): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions({ url, applicationName: 'carecast-migrate', logging: ['error'] }),
  );
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const appRole = options.appUrl ? roleOfUrl(options.appUrl) : options.appRole;
    if (options.appUrl && appRole) await ensureAppLogin(dataSource, options.appUrl, appRole, options.warn);
    if (appRole) await dataSource.transaction((tx) => grantAppRole(tx, appRole));
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Create or correct the application's role, as the owner; unless the owner is that role. */
async function ensureAppLogin(
  dataSource: DataSource,
  appUrl: string,
  appRole: string,
  warn: (message: string) => void = () => undefined,
): Promise<void> {
  const [{ owner }] = (await dataSource.query(`SELECT current_user AS owner`)) as Array<{ owner: string }>;
  if (owner === appRole) return;
  const password = decodeURIComponent(new URL(appUrl).password);
  const connection = {
    query: async (sql: string, params?: unknown[]) => ({
      rows: (await dataSource.query(sql, params)) as Array<Record<string, unknown>>,
    }),
  };
  try {
    await ensureLoginRole(connection, appRole, password === '' ? null : password);
  } catch (err) {
    const exists = await dataSource.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [appRole]);
    // insufficient_privilege: an owner that may not manage roles, and a role made by someone who may.
    if ((err as { code?: string }).code !== '42501' || !exists.length) throw err;
    warn(
      `The role ${appRole} exists but ${owner} may not change it: its password and attributes were left as they are.`,
    );
  }
}
