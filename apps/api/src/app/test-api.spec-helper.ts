import { rm } from 'node:fs/promises';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { type AppConfig, loadTestInfraConfig } from '@carecast/server/config';
import { DEMO_PASSWORD, DemoDataService } from '@carecast/server/identity';
import {
  createTestDatabase,
  deleteRedisPrefix,
  testAppConfig,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@carecast/server/testing';
import { ApiModule } from './app.module';
import { configureApp } from './configure-app';

export const infra = loadTestInfraConfig();

export interface TestApiOptions {
  /** Database and key prefix shared with another instance (default: new ones). */
  db?: TestDatabase;
  redisPrefix?: string;
  redisUrl?: string;
  rateLimitPerMinute?: number;
  signInRateLimitPerMinute?: number;
  /** Platform API base URLs and app registrations (default: nothing listening, no apps). */
  platforms?: Partial<AppConfig['platforms']>;
  /** Everything else of the configuration that a test needs changed. */
  config?: Partial<Omit<AppConfig, 'platforms'>>;
  /** Keys for secrets at rest (default: one random key). */
  encryption?: AppConfig['encryption'];
  /** Replace providers (e.g. the mailer) before the module compiles. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface TestApi {
  app: NestExpressApplication;
  db: TestDatabase;
  redisPrefix: string;
  /** Close the app; drop the database and the Redis keys if this instance made them. */
  close(): Promise<void>;
}

/** The real api on a throw-away database (migrated, with the demo organisation) and key prefix. */
export async function startTestApi(label: string, options: TestApiOptions = {}): Promise<TestApi> {
  const db = options.db ?? (await createTestDatabase(infra.DATABASE_URL, label));
  const redisPrefix = options.redisPrefix ?? uniqueRedisPrefix(label);
  const redisUrl = options.redisUrl ?? infra.REDIS_URL;
  const base = testAppConfig({
    // As the role that owns nothing: every api test proves the product works without ownership.
    databaseUrl: db.appUrl,
    redisUrl,
    redisPrefix,
    rateLimitPerMinute: options.rateLimitPerMinute,
    signInRateLimitPerMinute: options.signInRateLimitPerMinute,
  });
  const config = {
    ...base,
    database: { ...base.database, migrationUrl: db.url },
    ...(options.encryption ? { encryption: options.encryption } : {}),
    ...options.config,
    platforms: { ...base.platforms, ...options.platforms },
  };
  const builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config)] });
  const moduleRef = await (options.override ? options.override(builder) : builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app, config);
  await app.init();
  await app.get(DemoDataService).ensure();
  return {
    app,
    db,
    redisPrefix,
    async close() {
      await app.close();
      if (!options.config?.audit) await rm(config.audit.checkpointDir, { recursive: true, force: true });
      if (!options.config?.media) await rm(config.media.dir, { recursive: true, force: true });
      if (!options.redisPrefix && !options.redisUrl) await deleteRedisPrefix(redisUrl, redisPrefix);
      if (!options.db) await db.drop();
    },
  };
}

/** The cookies of a fresh sign-in as a browser would send them, and the CSRF token for writes. */
export async function signedInCookies(
  server: Parameters<typeof request>[0],
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ cookie: string; csrf: string }> {
  const res = await request(server).post('/api/auth/sign-in').send({ email, password }).expect(200);
  const pairs = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  const csrf = pairs.find((c) => c.startsWith('cc_csrf='))?.split('=')[1] ?? '';
  return { cookie: pairs.join('; '), csrf };
}
