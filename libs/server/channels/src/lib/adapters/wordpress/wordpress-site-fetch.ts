import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { InvalidContentError, RetryableError, UnknownOutcomeError } from '../../channel-errors';
import type { SiteAddressPolicy } from './site-address-policy';

/** The one answer for every address that is refused or does not answer like a WordPress site. */
export const UNREACHABLE_SITE = 'Could not reach a WordPress site there. Check the site address.';

const MAX_REDIRECTS = 3;
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
/** Network errors that mean the request never left (safe to retry). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The site's address refused: not public, and not on the allow-list. */
export class SiteAddressRefusedError extends InvalidContentError {}

export interface SiteRequest {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

/**
 * fetch() for a WordPress site: every address the host name resolves to must be public (or
 * allowed by the policy), the connection goes to the address that was checked (no second DNS
 * answer can swap in another), and redirects are followed by hand, each hop checked the same way.
 * Network failures are classified like platformFetch: retryable if nothing was sent, unknown
 * outcome if a write broke after sending.
 */
export async function fetchWordPressSite(
  policy: SiteAddressPolicy,
  url: string,
  init: SiteRequest,
  resolve: Resolve = systemResolve,
): Promise<Response> {
  let target = new URL(url);
  let request = init;
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(policy, target, resolve);
    const answer = await send(target, address, request);
    const location = answer.headers.get('location');
    if (![301, 302, 303, 307, 308].includes(answer.status) || !location) return answer;
    if (hop >= MAX_REDIRECTS) throw new SiteAddressRefusedError(UNREACHABLE_SITE, 'too many redirects');
    const next = new URL(location, target);
    const toGet = answer.status === 303 || ([301, 302].includes(answer.status) && request.method === 'POST');
    const headers = { ...request.headers };
    if (next.origin !== target.origin) delete headers['authorization'];
    if (toGet) {
      delete headers['content-type'];
      request = { method: 'GET', headers };
    } else {
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
      if (init.method === 'GET' || !sent || NOT_SENT.has(code)) {
        reject(new RetryableError(`The WordPress site could not be reached (${code}).`, null, code));
      } else {
        reject(
          new UnknownOutcomeError(
            `The connection to WordPress broke after the request was sent (${code}): it may or may not have been carried out.`,
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
