import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { SiteAddressPolicy } from '@carecast/server/channels';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type { LinkProbe, LinkProbeResult } from './link-probe';

export type LinkResolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

/** The name lookup the probe uses (the system's; tests give their own). */
export const LINK_RESOLVE = Symbol('LINK_RESOLVE');

export const systemLinkResolve: LinkResolve = (host) => dnsLookup(host, { all: true, verbatim: true });

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Answer {
  status: number;
  location: string | null;
}

/** Network trouble: nothing is known about the link. */
class NoAnswer extends Error {}

/**
 * HEAD the link (GET when the site refuses HEAD with 405/501), following at most 3 redirects,
 * each hop checked with the same address rules as WordPress sites (the SSRF protection): every
 * address the name resolves to must be public or allowed, and the connection goes to the address
 * that was checked. The body of a GET is never read.
 */
@Injectable()
export class HttpLinkProbe implements LinkProbe {
  private readonly policy: SiteAddressPolicy;
  private readonly timeoutMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LINK_RESOLVE) private readonly resolve: LinkResolve,
  ) {
    this.policy = new SiteAddressPolicy(config.compliance.linkCheckAllowedPrivateHosts);
    this.timeoutMs = config.compliance.linkCheckTimeoutMs;
  }

  async probe(url: string): Promise<LinkProbeResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { kind: 'invalid', reason: 'unreadable address' };
    }
    try {
      for (let hop = 0; ; hop++) {
        if (target.protocol !== 'http:' && target.protocol !== 'https:') {
          return { kind: 'invalid', reason: `protocol ${target.protocol}` };
        }
        const address = await this.checkedAddress(target);
        if (!address) return { kind: 'refused', reason: `address not allowed: ${target.hostname}` };
        let answer = await this.send(target, address, 'HEAD');
        if (answer.status === 405 || answer.status === 501) answer = await this.send(target, address, 'GET');
        if (REDIRECTS.has(answer.status) && answer.location) {
          if (hop >= MAX_REDIRECTS) return { kind: 'broken', status: null, reason: 'too many redirects' };
          try {
            target = new URL(answer.location, target);
          } catch {
            return { kind: 'broken', status: answer.status, reason: 'unreadable redirect' };
          }
          continue;
        }
        return answer.status < 400
          ? { kind: 'ok', status: answer.status }
          : { kind: 'broken', status: answer.status, reason: `answered ${answer.status}` };
      }
    } catch (err) {
      if (err instanceof NoAnswer) return { kind: 'unreachable', reason: err.message };
      throw err;
    }
  }

  /** The address to connect to, or null when one of the name's addresses is not allowed. */
  private async checkedAddress(url: URL): Promise<string | null> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = (await this.lookupWithin(host)).map((a) => a.address);
      } catch (err) {
        if (err instanceof NoAnswer) throw err;
        throw new NoAnswer((err as NodeJS.ErrnoException).code ?? 'lookup failed');
      }
    }
    if (!addresses.length || addresses.some((a) => !this.policy.allows(url, a))) return null;
    return addresses[0];
  }

  /** The name's addresses; a lookup that takes longer than a request may is given up (no answer). */
  private lookupWithin(host: string): Promise<Array<{ address: string; family: number }>> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NoAnswer('timed out')), this.timeoutMs);
    });
    return Promise.race([this.resolve(host), late]).finally(() => clearTimeout(timer));
  }

  private send(url: URL, address: string, method: 'HEAD' | 'GET'): Promise<Answer> {
    const family = isIP(address);
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Answer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method,
          lookup: pinned,
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: { 'user-agent': 'Carecast link check', accept: '*/*' },
        },
        (res) => {
          const location = res.headers.location ?? null;
          resolve({
            status: res.statusCode ?? 502,
            location: Array.isArray(location) ? location[0] : location,
          });
          // Only the status matters: drop the body (GET) and the connection.
          res.destroy();
          req.destroy();
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(
          new NoAnswer(
            err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timed out' : (err.code ?? err.name),
          ),
        ),
      );
      req.end();
    });
  }
}
