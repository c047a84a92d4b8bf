export * from './lib/allowed-private-hosts';
export * from './lib/app-config';
export * from './lib/config.module';
export {
  ConfigError,
  loadAppConfig,
  loadLauncherConfig,
  loadSandboxConfig,
  loadTestInfraConfig,
  type Env,
} from './lib/load';
export type { TestInfraEnv } from './lib/env-schema';
