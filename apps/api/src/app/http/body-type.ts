import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type a Content-Type header names, without its parameters (`application/json`). */
function mediaTypeOf(header: string): string {
  return header.split(';')[0].trim().toLowerCase();
}

/**
 * Writes under a path prefix take a body of one media type only, refused with 415 otherwise.
 * The API takes JSON only: a cross-site HTML form can send form-encoded or text bodies, not
 * JSON, so no other site can make a browser sign in or write (login CSRF). The type is judged
 * by the header, whether or not a body follows: an empty form (no fields) is refused too. Only
 * a write that names no type and sends no body needs none.
 *
 * `uploadPaths` (full paths, POST only) are left to their route, which takes a file upload
 * (`multipart/form-data`) and checks its type itself, after its access guard (a session and its
 * CSRF token): a cross-site form cannot send that token.
 */
export function acceptOnly(mediaType: string, describe: string, uploadPaths: readonly string[] = []) {
  const message = `Send the request body as ${describe} (Content-Type: ${mediaType}).`;
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.method === 'POST' && uploadPaths.includes(req.originalUrl.split('?')[0])) return next();
    const header = req.headers['content-type'];
    const empty =
      req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
    if (header === undefined ? empty : mediaTypeOf(header) === mediaType) return next();
    next(
      new UnsupportedMediaTypeException({
        message,
        details: [{ field: 'Content-Type', rule: 'mediaType', message }],
      }),
    );
  };
}
