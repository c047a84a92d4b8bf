import { type INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@carecast/server/config';
import { HttpMetricsMiddleware } from '@carecast/server/operations';
import { acceptOnly } from './http/body-type';
import { serveDashboard } from './http/dashboard';
import { bodyParserErrorToHttp } from './http/error-body';
import { MAX_JSON_DEPTH, refuseDeeperThan } from './http/json-depth';
import { keepRawBodyUnder } from './http/raw-body';
import { apiValidationPipe } from './http/validation';
import { refuseMalformedText } from './http/well-formed-text';

export const API_PREFIX = 'api';
/** The public Carecast blogs, served by the api outside its prefix (and not by the dashboard). */
export const BLOG_PREFIX = 'blog';
/** Signed webhooks: their raw bytes are kept (the signature covers them) and taken as sent. */
const WEBHOOK_PREFIX = `/${API_PREFIX}/webhooks/`;
/** The one route that takes a file upload (an image, as multipart/form-data) instead of JSON. */
const MEDIA_UPLOAD_PATH = `/${API_PREFIX}/media`;

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
  // Answers of the API are never stored by browsers or proxies (they carry personal data).
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The API takes JSON bodies only (but image uploads); form bodies only where a public HTML form
  // posts (blog comments).
  app.use(`/${API_PREFIX}`, acceptOnly('application/json', 'JSON', [MEDIA_UPLOAD_PATH]));
  app.use(`/${BLOG_PREFIX}`, acceptOnly('application/x-www-form-urlencoded', 'a form'));
  const keepRawBody = keepRawBodyUnder([WEBHOOK_PREFIX]);
  const refuseTooDeep = refuseDeeperThan(MAX_JSON_DEPTH);
  app.use(
    `/${API_PREFIX}`,
    express.json({
      limit: '1mb',
      verify: (req, res, buf, encoding) => {
        refuseTooDeep(req, res, buf, encoding);
        keepRawBody(req, res, buf);
      },
    }),
  );
  app.use(`/${BLOG_PREFIX}`, express.urlencoded({ extended: false, limit: '1mb' }));
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyParserErrorToHttp(err)),
  );
  app.use(`/${API_PREFIX}`, refuseMalformedText([WEBHOOK_PREFIX]));
  app.useGlobalPipes(apiValidationPipe());
  setUpOpenApi(app);
  serveDashboard(app, config.http.webDistDir, [API_PREFIX, BLOG_PREFIX]);
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
