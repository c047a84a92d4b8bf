import { ConfigError, loadAppConfig } from '@carecast/server/config';
import { runMigrations } from '@carecast/server/database';

/** `node dist/apps/api/apps/api/src/migrate.js`: apply pending migrations to DATABASE_URL and exit. */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const applied = await runMigrations(config.database.url);
  console.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
});
