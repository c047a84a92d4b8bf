export * from './lib/app-role';
export * from './lib/data-source-options';
export * from './lib/database.module';
export * from './lib/migrate';
export * from './lib/query-logger';
export { MIGRATIONS } from './migrations';
export * from './lib/transaction';
