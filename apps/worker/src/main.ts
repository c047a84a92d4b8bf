import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadAppConfig } from '@carecast/server/config';
import { createWorker } from './app/create-worker';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createWorker(config);
  const logger = app.get(Logger);
  logger.log(`Carecast worker started (concurrency ${config.worker.concurrency})`);

  // Graceful shutdown: BullMQ workers stop taking jobs and wait for the active ones; a job still
  // running at the deadline is left to BullMQ's stalled-job check, which returns it to the queue.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.log(`${signal} received: finishing active jobs`);
      setTimeout(() => {
        logger.error(`Active jobs did not finish within ${config.shutdownTimeoutMs} ms; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      app.close().catch((err: Error) => {
        logger.error(`Shutdown failed: ${err.message}`);
        process.exitCode = 1;
      });
    });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `Carecast worker failed to start: ${String(err)}`);
  process.exit(1);
});
