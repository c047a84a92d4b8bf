import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@carecast/server/config';
import { ApiModule } from './app.module';
import { configureApp } from './configure-app';

/** Build the configured HTTP application (not yet listening). */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    // Bodies are parsed in configureApp, so that parse errors get our own answer.
    bodyParser: false,
  });
  configureApp(app, config);
  return app;
}
