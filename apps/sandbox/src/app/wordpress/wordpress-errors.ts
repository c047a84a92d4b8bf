import type { NextFunction, Request, Response } from 'express';

/** A WordPress REST error: `{code, message, data:{status, params?}}`. */
export class WpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params?: Record<string, string>,
    /** More of `data`, e.g. `term_id` on `term_exists`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function invalidParams(params: Record<string, string>): WpError {
  return new WpError(
    400,
    'rest_invalid_param',
    `Invalid parameter(s): ${Object.keys(params).join(', ')}`,
    params,
  );
}

export const invalidPostId = () => new WpError(404, 'rest_post_invalid_id', 'Invalid post ID.');
export const noRoute = () =>
  new WpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

/** 401 when nobody is signed in, 403 when the signed-in user lacks the capability. */
export function forbidden(signedIn: boolean, code: string, message: string): WpError {
  return new WpError(signedIn ? 403 : 401, code, message);
}

export function wpErrorBody(err: WpError) {
  return {
    code: err.code,
    message: err.message,
    data: { status: err.status, ...(err.params ? { params: err.params } : {}), ...err.extra },
  };
}

export function wpErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof WpError) {
    res.status(err.status).json(wpErrorBody(err));
    return;
  }
  if ((err as { status?: number }).status === 400) {
    res
      .status(400)
      .json({ code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } });
    return;
  }
  res.status(500).json({
    code: 'internal_server_error',
    message: 'There has been a critical error on this website.',
    data: { status: 500 },
  });
}
