import { DataSource } from 'typeorm';
import { grantAppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';

export interface MigrationOptions {
  /**
   * The role the api and the worker connect as. After the migrations, it is given read and write
   * on the tables (append only on the audit trail) and nothing else. Null or the migrating role
   * itself: no grants.
   */
  appRole?: string | null;
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
    const appRole = options.appRole;
    if (appRole) await dataSource.transaction((tx) => grantAppRole(tx, appRole));
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
