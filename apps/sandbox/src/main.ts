import { ConfigError, loadSandboxConfig } from '@carecast/server/config';
import { createSandbox } from './app/sandbox';

try {
  const config = loadSandboxConfig();
  const server = createSandbox().listen(config.port, config.host, () => {
    console.log(`Carecast sandbox listening on http://${config.host}:${config.port}`);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
