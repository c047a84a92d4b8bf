import { ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BlogPages } from '@carecast/server/blog';
import { NotFoundError, TooManyAttemptsError } from '@carecast/server/core';

/** Errors on the public blog answer as pages for people, never as JSON. */
@Catch()
export class BlogPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Blog');

  constructor(private readonly pages: BlogPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const status =
      exception instanceof NotFoundError
        ? 404
        : exception instanceof TooManyAttemptsError
          ? 429
          : exception instanceof HttpException
            ? exception.getStatus()
            : 500;
    if (status >= 500)
      this.logger.error(
        { msg: 'blog page failed', requestId: req.id ? String(req.id) : null, err: exception },
        (exception as Error)?.stack,
      );
    const page =
      status === 404
        ? this.pages.notFound()
        : status === 429
          ? this.pages.tooManyRequests()
          : this.pages.failure();
    res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(page);
  }
}
