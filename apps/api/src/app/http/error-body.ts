import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
} from '@carecast/server/core';
import type { ApiErrorBody, FieldViolation } from '@carecast/shared/contracts';

const DOMAIN_STATUS = new Map<abstract new (...args: never[]) => DomainError, number>([
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ValidationError, HttpStatus.UNPROCESSABLE_ENTITY],
  [ConflictError, HttpStatus.CONFLICT],
  [GoneError, HttpStatus.GONE],
  [DependencyUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [UnauthenticatedError, HttpStatus.UNAUTHORIZED],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [TooManyAttemptsError, HttpStatus.TOO_MANY_REQUESTS],
]);

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Errors thrown by Express' body parser carry a `type` and a `status`. */
interface BodyParserError extends Error {
  type: string;
  status: number;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return e instanceof Error && typeof (e as BodyParserError).type === 'string' && 'status' in e;
}

/** Express' body parser fails before any route runs; turn its errors into HTTP exceptions we describe. */
export function bodyParserErrorToHttp(err: unknown): unknown {
  if (!isBodyParserError(err)) return err;
  if (err.type === 'entity.parse.failed') {
    const details: FieldViolation[] = [{ field: 'body', rule: 'json', message: err.message }];
    return new HttpException(
      { error: 'invalid_json', message: `The request body is not valid JSON: ${err.message}`, details },
      HttpStatus.BAD_REQUEST,
    );
  }
  if (err.type === 'entity.too.deep') {
    const details: FieldViolation[] = [{ field: 'body', rule: 'maxDepth', message: err.message }];
    return new HttpException(
      { message: `Invalid request: check body (${err.message}).`, details },
      HttpStatus.BAD_REQUEST,
    );
  }
  if (err.type === 'charset.unsupported') {
    const message = 'Send the request body encoded in UTF-8 (charset=utf-8, or no charset).';
    const details: FieldViolation[] = [{ field: 'Content-Type', rule: 'charset', message }];
    return new HttpException({ message, details }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
  const status = err.status >= 400 && err.status < 500 ? err.status : HttpStatus.BAD_REQUEST;
  return new HttpException({ message: err.message }, status);
}

/** Map anything thrown while handling a request to the API's one error shape. */
export function toErrorBody(exception: unknown, requestId: string): ApiErrorBody & Record<string, unknown> {
  if (exception instanceof DomainError) {
    const statusCode =
      [...DOMAIN_STATUS].find(([type]) => exception instanceof type)?.[1] ?? HttpStatus.BAD_REQUEST;
    const details =
      exception instanceof ValidationError && exception.violations.length ? exception.violations : undefined;
    return {
      statusCode,
      error: exception.code,
      message: exception.message,
      requestId,
      ...(details ? { details } : {}),
    };
  }

  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const extra =
      typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message =
      typeof extra['message'] === 'string'
        ? extra['message']
        : typeof response === 'string'
          ? response
          : exception.message;
    const { statusCode: _s, error: givenCode, message: _m, ...rest } = extra;
    const code = typeof givenCode === 'string' && /^[a-z_]+$/.test(givenCode) ? givenCode : undefined;
    return {
      ...rest,
      statusCode,
      error: code ?? CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'bad_request'),
      message,
      requestId,
    };
  }

  return {
    statusCode: 500,
    error: 'internal_error',
    message: 'Something went wrong on our side. Quote the request id if you contact support.',
    requestId,
  };
}
