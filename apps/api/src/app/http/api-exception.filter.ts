import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdFrom, TooManyAttemptsError } from '@carecast/server/core';
import { toErrorBody } from './error-body';

/** The one place where errors become HTTP answers; unexpected ones are logged once, with the stack. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const requestId = req.id ? String(req.id) : requestIdFrom(undefined);
    const body = toErrorBody(exception, requestId);
    if (body.statusCode >= 500 && body.error === 'internal_error') {
      this.logger.error(
        { msg: 'unhandled error', requestId, err: loggable(exception) },
        (exception as Error)?.stack,
      );
    }
    if (exception instanceof TooManyAttemptsError)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

/** Properties of errors that carry what was sent to a dependency (TypeORM: the query's values). */
const NEVER_LOGGED = new Set(['parameters']);

/**
 * The error as logged: its own properties, except those holding values sent along (a failed
 * query's parameters can be a password hash, a token or a webhook payload).
 */
export function loggable(exception: unknown): unknown {
  if (!(exception instanceof Error)) return exception;
  const kept = Object.entries(exception).filter(([key]) => !NEVER_LOGGED.has(key));
  return {
    type: exception.name,
    message: exception.message,
    stack: exception.stack,
    ...Object.fromEntries(kept),
  };
}
