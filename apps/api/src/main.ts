import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadAppConfig } from '@carecast/server/config';
import { createApi } from './app/create-api';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApi(config);
  const logger = app.get(Logger);
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;

  // Graceful shutdown: stop accepting connections, finish in-flight requests, close pools.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      logger.log(`${signal} received: shutting down`);
      const force = setTimeout(() => {
        logger.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      app
        .close()
        .then(() => clearTimeout(force))
        .catch((err: Error) => {
          logger.error(`Shutdown failed: ${err.message}`);
          process.exitCode = 1;
        });
    });
  }

  await app.listen(config.http.port, config.http.host);
  logger.log(
    `Carecast API listening on ${config.http.publicUrl} (docs at ${config.http.publicUrl}/api/docs)`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Carecast API failed to start:', err);
  }
  process.exit(1);
});
