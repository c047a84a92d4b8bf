/**
 * Container health check of the worker: exits 0 if a heartbeat job was processed recently
 * (which needs Redis, a running worker and PostgreSQL), 1 otherwise.
 */
import { Client } from 'pg';
import { loadAppConfig } from '@carecast/server/config';

async function main(): Promise<number> {
  const config = loadAppConfig();
  const toleranceMs = Math.max(3 * config.worker.heartbeatIntervalMs, 30_000);
  const client = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ fresh: boolean }>(
      `SELECT coalesce(max(last_seen_at) > now() - make_interval(secs => $1), false) AS fresh FROM worker_heartbeat`,
      [toleranceMs / 1000],
    );
    return rows[0]?.fresh ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`worker health check failed: ${err.message}`);
    process.exit(1);
  },
);
