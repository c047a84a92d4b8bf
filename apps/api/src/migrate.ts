import { ConfigError, loadAppConfig } from '@carecast/server/config';
import { roleOfUrl, runMigrations } from '@carecast/server/database';

/**
 * `node dist/apps/api/apps/api/src/migrate.js`: apply pending migrations as the schema's owner
 * (DATABASE_MIGRATION_URL, default DATABASE_URL); create or correct the role of DATABASE_URL
 * (owning nothing, with that URL's password) and grant it what the api and the worker need; exit.
 */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const appRole = roleOfUrl(config.database.url);
  if (appRole === roleOfUrl(config.database.migrationUrl)) {
    console.warn(
      'Warning: DATABASE_URL connects as the role that runs the migrations, so the api owns the schema ' +
        'and could switch off the audit trail protection. Set DATABASE_MIGRATION_URL to the owner and ' +
        'DATABASE_URL to a role that owns nothing (README, Database roles).',
    );
  }
  const applied = await runMigrations(config.database.migrationUrl, {
    appUrl: config.database.url,
    warn: (message) => console.warn(`Warning: ${message}`),
  });
  console.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
});
