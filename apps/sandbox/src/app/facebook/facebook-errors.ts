import { randomBytes } from 'node:crypto';

/** A Graph API error, rendered as `{"error":{message,type,code,error_subcode?,fbtrace_id,is_transient?}}`. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly type = 'OAuthException',
    readonly subcode?: number,
    readonly transient?: boolean,
  ) {
    super(message);
  }
}

const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80001]);
export const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);

const DEFAULT_MESSAGES: Record<number, string> = {
  1: 'An unknown error occurred',
  2: 'An unexpected error has occurred. Please retry your request later.',
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  100: '(#100) Invalid parameter',
  190: 'Invalid OAuth access token - Cannot parse access token',
  200: '(#200) Permissions error',
  341: '(#341) Feed action request limit reached',
  368: '(#368) The action attempted has been deemed abusive or is otherwise disallowed',
  506: '(#506) Duplicate status message',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001:
    '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

function defaultStatus(code: number): number {
  if (code === 1 || code === 2) return 500;
  if (code === 200) return 403;
  return 400;
}

/** The error Facebook answers with for a given code, as injected by a fault or raised by a handler. */
export function graphErrorForCode(
  code: number,
  opts: { status?: number; subcode?: number; message?: string } = {},
) {
  const message = opts.message ?? DEFAULT_MESSAGES[code] ?? `(#${code}) Error`;
  const transient = TRANSIENT_CODES.has(code) ? true : undefined;
  return new GraphError(
    opts.status ?? defaultStatus(code),
    code,
    message,
    'OAuthException',
    opts.subcode,
    transient,
  );
}

const TOKEN_MESSAGES: Record<number, string> = {
  463: 'Error validating access token: Session has expired.',
  460: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  458: 'Error validating access token: The user has not authorized application.',
};

export const graphErrors = {
  invalidToken: () => graphErrorForCode(190),
  missingToken: () =>
    new GraphError(400, 104, 'An access token is required to request this resource.', 'OAuthException'),
  tokenInvalidated: (subcode: number) =>
    new GraphError(400, 190, TOKEN_MESSAGES[subcode] ?? TOKEN_MESSAGES[463], 'OAuthException', subcode),
  permission: (message = DEFAULT_MESSAGES[200]) => new GraphError(403, 200, message),
  invalidParam: (message: string) => new GraphError(400, 100, message),
  duplicate: () => graphErrorForCode(506),
  unknownObject: (id: string, method: string) =>
    new GraphError(
      400,
      100,
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      'GraphMethodException',
      33,
    ),
};

export function graphErrorBody(err: GraphError) {
  return {
    error: {
      message: err.message,
      type: err.type,
      code: err.code,
      ...(err.subcode !== undefined ? { error_subcode: err.subcode } : {}),
      ...(err.transient ? { is_transient: true } : {}),
      fbtrace_id: randomBytes(16).toString('base64').replace(/[+/=]/g, '').slice(0, 23),
    },
  };
}
