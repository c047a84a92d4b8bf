import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { REQUEST_ID_HEADER } from '@carecast/shared/contracts';
import { loggableError } from './loggable-error';
import { requestIdFrom } from './request-id';

/** Paths polled by machines: not worth a log line per request. */
const QUIET_PATHS = /^\/api\/(health|metrics)(\/|$)/;

/**
 * What never reaches the logs. A failed query's `parameters`, `driverError` and `detail` (on
 * TypeORM's QueryFailedError, logged as `err` by a failed job or request) can hold a password
 * hash, a token or a webhook payload: the `err` serializer leaves them out at any depth of
 * `cause`; the paths below catch them on the first levels should an error be logged under
 * another shape.
 */
export const LOG_REDACTION = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    '*.password',
    '*.token',
    '*.accessToken',
    '*.refreshToken',
    ...['err', 'err.cause', '*.err'].flatMap((at) =>
      ['parameters', 'driverError', 'detail'].map((key) => `${at}.${key}`),
    ),
  ],
  censor: '[redacted]',
};

/** What every logger of the api and the worker is built with: redaction, and errors as `loggableError` makes them. */
export function loggerOptions(): {
  redact: typeof LOG_REDACTION;
  serializers: { err: (err: unknown) => unknown };
} {
  return { redact: LOG_REDACTION, serializers: { err: (err: unknown) => loggableError(err) } };
}

/** JSON logs (pino) with a request id on every line of a request; secrets redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          ...loggerOptions(),
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
            res.setHeader(REQUEST_ID_HEADER, id);
            return id;
          },
          customAttributeKeys: { reqId: 'requestId' },
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
          serializers: {
            ...loggerOptions().serializers,
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
            }),
            // The status is what a request line needs; headers stay out of the logs.
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}

/** Query parameters that carry one-time codes or tokens (OAuth callbacks, webhook handshakes). */
const SECRET_QUERY = /^(code|state|token|access_token|refresh_token|hub\.verify_token|client_secret)$/i;

/**
 * Path segments that are credentials: the token of an outside approver's single-use link
 * (`/api/outside-reviews/<token>/…` and the dashboard page `/outside-review/<token>`).
 */
const SECRET_PATH_SEGMENT = /(\/outside-reviews?\/)[^/?#]+/;

/** The URL as logged: secret query values and path tokens replaced, everything else kept for tracing. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(SECRET_PATH_SEGMENT, '$1[redacted]');
  if (q < 0) return path;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY.test(key)) {
      params.set(key, '[redacted]');
      changed = true;
    }
  }
  return changed ? `${path}?${params.toString()}` : `${path}${url.slice(q)}`;
}
