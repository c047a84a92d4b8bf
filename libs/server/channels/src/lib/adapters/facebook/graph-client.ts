import {
  AuthError,
  type ChannelError,
  DuplicateError,
  InvalidContentError,
  RetryableError,
} from '../../channel-errors';
import { platformFetch } from '../platform-fetch';

interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean };
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);

/** Facebook has no such object, or no longer: error 100 with subcode 33 (e.g. a deleted post). */
export class GraphObjectMissingError extends InvalidContentError {}

/** Minutes until Facebook lets the page call again, from the business-use-case usage header. */
function regainAccessMs(header: string | null): number | null {
  if (!header) return null;
  try {
    const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Math.max(
      0,
      ...Object.values(usage)
        .flat()
        .map((u) => u.estimated_time_to_regain_access ?? 0),
    );
    return minutes > 0 ? minutes * 60_000 : null;
  } catch {
    return null;
  }
}

/** Map a Graph API error answer to the channel error classes (platform-contracts.md). */
export function graphError(status: number, body: GraphErrorBody, headers: Headers): ChannelError {
  const e = body.error ?? {};
  const message = e.message ?? `HTTP ${status}`;
  const code = e.code ?? 0;
  if (code === 190)
    return new AuthError('Facebook no longer accepts this connection: reconnect the page.', message);
  if (code === 200 || code === 10)
    return new AuthError(
      'The page connection lacks a permission Carecast needs: reconnect it and grant it.',
      message,
    );
  if (RATE_LIMIT_CODES.has(code)) {
    return new RetryableError(
      'Facebook rate limit reached.',
      regainAccessMs(headers.get('x-business-use-case-usage')) ?? 60_000,
      message,
    );
  }
  if (code === 100 && e.error_subcode === 33)
    return new GraphObjectMissingError(`Facebook refused the request: ${message}`, message);
  if (code === 506)
    return new DuplicateError('Facebook already has a post with exactly this text on this page.', message);
  if (e.is_transient || code === 1 || code === 2 || status >= 500)
    return new RetryableError('Facebook had a temporary problem.', null, message);
  if (code === 368)
    return new RetryableError('Facebook temporarily blocked posting from this page.', 60 * 60_000, message);
  return new InvalidContentError(`Facebook refused the request: ${message}`, message);
}

export interface GraphCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL (`/123/feed`), or an absolute URL from a `paging.next`. */
  path: string;
  /** Omitted only for the app's own calls (the OAuth code exchange). */
  token?: string;
  params?: Record<string, string>;
  /** Multipart body (photos); otherwise params travel form-encoded. */
  form?: FormData;
}

/** Plain HTTP to the Graph API: the handful of endpoints Carecast needs, at a configurable base URL. */
export class GraphClient {
  constructor(private readonly baseUrl: string) {}

  async call<T>(c: GraphCall): Promise<T> {
    const url = new URL(c.path.startsWith('http') ? c.path : this.baseUrl.replace(/\/$/, '') + c.path);
    let body: FormData | URLSearchParams | undefined;
    if (c.method === 'GET' || c.method === 'DELETE') {
      const params = { ...c.params, ...(c.token ? { access_token: c.token } : {}) };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    } else if (c.form) {
      if (c.token) c.form.set('access_token', c.token);
      for (const [k, v] of Object.entries(c.params ?? {})) c.form.set(k, v);
      body = c.form;
    } else {
      body = new URLSearchParams({ ...c.params, ...(c.token ? { access_token: c.token } : {}) });
    }
    const res = await platformFetch('Facebook', url, { method: c.method, body });
    const json = (await res.json().catch(() => ({}))) as T & GraphErrorBody;
    if (!res.ok || json.error) throw graphError(res.status, json, res.headers);
    return json;
  }
}
