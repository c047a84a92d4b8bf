import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@carecast/server/config';
import { HttpMetricsMiddleware } from '@carecast/server/operations';
import { bodyParserErrorToHttp } from './http/error-body';
import { keepRawBodyUnder } from './http/raw-body';
import { apiValidationPipe } from './http/validation';

export const API_PREFIX = 'api';
/** The public Carecast blogs, served by the api outside its prefix (and not by the dashboard). */
export const BLOG_PREFIX = 'blog';

/** Everything about the HTTP application that is not a module: shared by `main.ts` and the tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: `${BLOG_PREFIX}/{*path}`, method: RequestMethod.ALL }],
  });
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  const metrics = app.get(HttpMetricsMiddleware);
  app.use((req: Request, res: Response, next: NextFunction) => metrics.use(req, res, next));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use(
    express.json({ limit: '1mb', verify: keepRawBodyUnder([`/${API_PREFIX}/webhooks/`]) }),
    express.urlencoded({ extended: false, limit: '1mb' }),
  );
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyParserErrorToHttp(err)),
  );
  app.useGlobalPipes(apiValidationPipe());
  setUpOpenApi(app);
  serveDashboard(app, config);
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Carecast API')
      .setDescription(
        'Publishing and monitoring for medical practices. Sign in with POST /api/auth/sign-in; the ' +
          'session travels in the cc_session cookie, and writes carry X-CSRF-Token. Every error answers with ' +
          '`{statusCode, error, message, requestId, details?}` (401 unauthenticated or session_expired, ' +
          "403 forbidden/csrf_failed/mfa_required, 404 also for other organisations' ids); quote `requestId` to support.",
      )
      .setVersion('0.1.0')
      .addCookieAuth('cc_session', {
        type: 'apiKey',
        in: 'cookie',
        description:
          'Set by POST /api/auth/sign-in. Writes also need the X-CSRF-Token header (value of the cc_csrf cookie).',
      })
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    customSiteTitle: 'Carecast API',
  });
}

/**
 * Single-host mode: the built dashboard is served from `/`, with every non-API path that asks
 * for HTML answered by `index.html` (client-side routes). Unknown `/api/*` paths stay JSON 404s;
 * `/blog/*` belongs to the public blogs.
 */
function serveDashboard(app: NestExpressApplication, config: AppConfig): void {
  if (!config.http.webDistDir) return;
  const root = resolve(config.http.webDistDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    app.get(Logger).warn(`Dashboard not served: ${index} does not exist (build it with "npx nx build web").`);
    return;
  }
  app.use(express.static(root, { index: false, maxAge: '1y', immutable: true, fallthrough: true }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isServerPath = [API_PREFIX, BLOG_PREFIX].some(
      (p) => req.path === `/${p}` || req.path.startsWith(`/${p}/`),
    );
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath || !req.accepts('html'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
