import { isIP } from 'node:net';

/**
 * One entry of WORDPRESS_ALLOWED_PRIVATE_HOSTS: a network (CIDR), or a host (name or IP address)
 * with an optional port. Read strictly, so that no entry is accepted that would never match, or
 * that would switch the protection off altogether.
 */
export type AllowedPrivateHost =
  | { kind: 'network'; address: string; prefix: number; family: 'ipv4' | 'ipv6' }
  | { kind: 'host'; host: string; port: number | null };

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** An IPv6 address as URLs write it (so `0:0::1` matches `http://[::1]/`). */
const canonicalIpv6 = (address: string) => new URL(`http://[${address}]/`).hostname.slice(1, -1);

function port(text: string): number | string {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= 65535 ? n : `has port ${JSON.stringify(text)}: expected 1-65535`;
}

function host(text: string, portText: string | undefined): AllowedPrivateHost | string {
  const p = portText === undefined ? null : port(portText);
  if (typeof p === 'string') return p;
  if (isIP(text) === 4) return { kind: 'host', host: text, port: p };
  if (/^[\d.]+$/.test(text)) return 'is not an IPv4 address';
  if (!HOST_NAME.test(text)) return 'is not a host name or IP address';
  return { kind: 'host', host: text, port: p };
}

/** The entry read, or what is wrong with it (to follow the entry in a message). */
export function parseAllowedPrivateHost(raw: string): AllowedPrivateHost | { problem: string } {
  const entry = raw.trim().toLowerCase();
  const problem = (text: string) => ({ problem: text });
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(entry))
    return problem('is a URL: give host, host:port, [IPv6]:port or a CIDR network (e.g. localhost:3100)');
  const cidr = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const family = isIP(cidr[1]);
    if (!family) return problem('is not a CIDR network: the address before "/" is not an IP address');
    const prefix = Number(cidr[2]);
    const max = family === 4 ? 32 : 128;
    if (prefix === 0) return problem('would allow every address (a /0 network)');
    if (prefix > max) return problem(`has prefix /${prefix}: expected 1-${max} for an IPv${family} network`);
    return {
      kind: 'network',
      address: family === 6 ? canonicalIpv6(cidr[1]) : cidr[1],
      prefix,
      family: family === 4 ? 'ipv4' : 'ipv6',
    };
  }
  if (entry.includes('/')) return problem('is not a host, host:port, [IPv6]:port or a CIDR network');
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(entry);
  if (bracketed || isIP(entry) === 6) {
    const address = bracketed ? bracketed[1] : entry;
    if (isIP(address) !== 6) return problem('is not an IPv6 address in brackets');
    const p = bracketed?.[2] === undefined ? null : port(bracketed[2]);
    if (typeof p === 'string') return problem(p);
    return { kind: 'host', host: canonicalIpv6(address), port: p };
  }
  const withPort = /^([^:]+):([^:]*)$/.exec(entry);
  const parsed = withPort ? host(withPort[1], withPort[2]) : host(entry, undefined);
  return typeof parsed === 'string' ? problem(parsed) : parsed;
}

/** The comma-separated list, each entry read; the first bad entry named in the error. */
export function parseAllowedPrivateHosts(entries: readonly string[]): AllowedPrivateHost[] {
  return entries
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const parsed = parseAllowedPrivateHost(entry);
      if ('problem' in parsed)
        throw new Error(`WORDPRESS_ALLOWED_PRIVATE_HOSTS entry ${JSON.stringify(entry)} ${parsed.problem}`);
      return parsed;
    });
}
