// Data source for the TypeORM CLI (`npm run migration:generate` / `migration:run`).
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@carecast/server/config';
import { dataSourceOptions } from '../lib/data-source-options';

const config = loadAppConfig();

export default new DataSource(
  dataSourceOptions({ url: config.database.migrationUrl, entities: ['libs/server/*/src/**/*.entity.ts'] }),
);
