import { ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DependencyUnavailableError,
  loggableError,
  requestIdFrom,
  TooManyAttemptsError,
} from '@carecast/server/core';
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
        { msg: 'unhandled error', requestId, err: loggableError(exception) },
        (exception as Error)?.stack,
      );
    }
    if (
      exception instanceof TooManyAttemptsError ||
      (exception instanceof DependencyUnavailableError && exception.retryAfterSeconds !== null)
    )
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}
