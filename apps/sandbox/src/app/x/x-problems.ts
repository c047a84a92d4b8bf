import type { XReply } from './x-types';

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';
const INVALID_REQUEST_TYPE = 'https://api.twitter.com/2/problems/invalid-request';

/** 400 with the v2 "Invalid Request" shape; `parameters` maps a parameter to its bad values. */
export function invalidRequest(parameters: Record<string, string[]>, message: string): XReply {
  return {
    status: 400,
    contentType: JSON_TYPE,
    body: {
      errors: [{ parameters, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: INVALID_REQUEST_TYPE,
    },
  };
}

/** The `about:blank` problem shape X uses for 401, 403, 429 and 5xx. */
export function problem(status: number, title: string, detail = title, contentType = JSON_TYPE): XReply {
  return { status, contentType, body: { title, type: 'about:blank', status, detail } };
}

export function unauthorized(): XReply {
  return problem(401, 'Unauthorized', 'Unauthorized', PROBLEM_TYPE);
}

export function tooManyRequests(): XReply {
  return problem(429, 'Too Many Requests');
}

export function duplicateContent(): XReply {
  return {
    status: 403,
    contentType: JSON_TYPE,
    body: {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    },
  };
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The answer to an injected failure with the given status. */
export function injectedStatus(status: number): XReply {
  if (status === 401) return unauthorized();
  if (status === 429) return tooManyRequests();
  return problem(status, STATUS_TITLES[status] ?? 'Error');
}

export function ok(body: unknown, status = 200): XReply {
  return { status, body, contentType: JSON_TYPE };
}
