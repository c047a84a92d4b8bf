import type { DataSourceOptions, LogLevel } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { QueryLogger } from './query-logger';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  /** Entity classes or globs; modules using `TypeOrmModule.forFeature` need none here. */
  entities?: DataSourceOptions['entities'];
  applicationName?: string;
  /** What TypeORM logs (default: errors, warnings, migrations); never query parameters. */
  logging?: LogLevel[];
}

/** The one definition of how Carecast talks to PostgreSQL: explicit migrations, never `synchronize`. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const logging = settings.logging ?? ['error', 'warn', 'migration'];
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging,
    // Failed queries are logged without their parameters (hashes, tokens, personal data).
    logger: new QueryLogger(logging),
    applicationName: settings.applicationName ?? 'carecast',
    extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  };
}
