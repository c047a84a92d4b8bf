import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes under a path prefix take a body of one media type only, refused with 415 otherwise.
 * The API takes JSON only: a cross-site HTML form can send form-encoded or text bodies, not
 * JSON, so no other site can make a browser sign in or write (login CSRF). A request without a
 * body needs no type.
 */
export function acceptOnly(mediaType: string, describe: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const empty =
      req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
    if (empty && req.headers['content-type'] === undefined) return next();
    if (req.is(mediaType) !== false) return next();
    const message = `Send the request body as ${describe} (Content-Type: ${mediaType}).`;
    next(
      new UnsupportedMediaTypeException({
        message,
        details: [{ field: 'Content-Type', rule: 'mediaType', message }],
      }),
    );
  };
}
