import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { InvalidContentError, RetryableError, UnknownOutcomeError } from '../../channel-errors';
import { NOT_SENT } from '../platform-fetch';
import type { SiteAddressPolicy } from './site-address-policy';

/** The one answer for every address that is refused or does not answer like a WordPress site. */
export const UNREACHABLE_SITE = 'Could not reach a WordPress site there. Check the site address.';

const MAX_REDIRECTS = 3;
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The site's address refused: not public, and not on the allow-list, or not an address at all. */
export class SiteAddressRefusedError extends InvalidContentError {}

/**
 * The site answered a write, or an authenticated read, with a redirect to somewhere else: nothing
 * was carried out there (a redirected POST turns into a GET, a redirect to another origin drops
 * the credentials), and the channel needs the site's new address.
 */
export class SiteMovedError extends InvalidContentError {
  constructor(readonly location: string | null) {
    super(
      location
        ? `The WordPress site moved to ${location}: update its address (reconnect the blog with the new address).`
        : 'The WordPress site moved: update its address (reconnect the blog with the new address).',
      location ? `redirected to ${location}` : 'redirected',
    );
  }
}

export interface SiteRequest {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export interface SiteAnswer {
  response: Response;
  /** Where the answer came from, after the redirects followed. */
  url: URL;
}

export interface SiteFetchOptions {
  /**
   * Follow redirects to another origin (only while finding the site, unauthenticated). Otherwise
   * only GET and HEAD follow redirects, and only within the origin asked.
   */
  followToOtherOrigins?: boolean;
  resolve?: Resolve;
}

const REDIRECTS = [301, 302, 303, 307, 308];

/** A URL from the site (typed by an administrator, or a Location header); unreadable is refused. */
function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new SiteAddressRefusedError(UNREACHABLE_SITE, 'unreadable address');
  }
}

/**
 * fetch() for a WordPress site: every address the host name resolves to must be public (or
 * allowed by the policy), the connection goes to the address that was checked (no second DNS
 * answer can swap in another), and redirects are followed by hand, each hop checked the same way.
 * Only reads follow redirects: a write that is redirected was not carried out (`SiteMovedError`).
 * Network failures are classified like platformFetch: retryable if nothing was sent, unknown
 * outcome if a write broke after sending. Messages never carry network codes or the site's words
 * (those go to `platformMessage`).
 */
export async function fetchWordPressSite(
  policy: SiteAddressPolicy,
  url: string,
  init: SiteRequest,
  options: SiteFetchOptions = {},
): Promise<SiteAnswer> {
  const resolve = options.resolve ?? systemResolve;
  const reading = init.method === 'GET' || init.method === 'HEAD';
  const start = parseUrl(url);
  let target = start;
  let request = init;
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(policy, target, resolve);
    const response = await send(target, address, request);
    const location = response.headers.get('location');
    if (!REDIRECTS.includes(response.status) || !location) return { response, url: target };
    const next = parseUrl(location, target);
    if (!reading || (next.origin !== start.origin && !options.followToOtherOrigins)) {
      throw new SiteMovedError(next.protocol === 'http:' || next.protocol === 'https:' ? next.origin : null);
    }
    if (hop >= MAX_REDIRECTS) throw new SiteAddressRefusedError(UNREACHABLE_SITE, 'too many redirects');
    if (next.origin !== target.origin) {
      const { authorization: _dropped, ...headers } = request.headers;
      request = { ...request, headers };
    }
    target = next;
  }
}

async function checkedAddress(policy: SiteAddressPolicy, url: URL, resolve: Resolve): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiteAddressRefusedError(UNREACHABLE_SITE, `protocol ${url.protocol}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch (err) {
      throw new RetryableError(
        UNREACHABLE_SITE,
        null,
        (err as NodeJS.ErrnoException).code ?? 'lookup failed',
      );
    }
  }
  // Every answer must be acceptable: a name that also resolves inside the network is refused.
  if (!addresses.length || addresses.some((a) => !policy.allows(url, a))) {
    throw new SiteAddressRefusedError(UNREACHABLE_SITE, `address not allowed: ${host}`);
  }
  return addresses[0];
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function send(url: URL, address: string, init: SiteRequest): Promise<Response> {
  const family = isIP(address);
  // The connection goes to the checked address whatever the name resolves to by now.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    let sent = false;
    const fail = (err: NodeJS.ErrnoException) => {
      const code = err.code ?? err.name;
      if (init.method === 'GET' || init.method === 'HEAD' || !sent || NOT_SENT.has(code)) {
        reject(new RetryableError('The WordPress site could not be reached.', null, code));
      } else {
        reject(
          new UnknownOutcomeError(
            'The connection to WordPress broke after the request was sent: it may or may not have been carried out.',
            code,
          ),
        );
      }
    };
    const req = client.request(
      url,
      {
        method: init.method,
        headers: init.headers,
        lookup: pinned,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            res.destroy(Object.assign(new Error('answer too large'), { code: 'ETOOLARGE' }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status: status < 200 || status > 599 ? 502 : status,
              headers: toHeaders(res.headers),
            }),
          );
        });
      },
    );
    req.on('finish', () => {
      sent = true;
    });
    req.on('error', fail);
    req.end(init.body);
  });
}
