import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  /** Entity classes or globs; modules using `TypeOrmModule.forFeature` need none here. */
  entities?: DataSourceOptions['entities'];
  applicationName?: string;
}

/** The one definition of how Carecast talks to PostgreSQL: explicit migrations, never `synchronize`. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    applicationName: settings.applicationName ?? 'carecast',
    extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  };
}
