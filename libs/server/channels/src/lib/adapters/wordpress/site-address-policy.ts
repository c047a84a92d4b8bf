import { BlockList, isIP } from 'node:net';
import { type AllowedPrivateHost, parseAllowedPrivateHosts } from '@carecast/server/config';

/**
 * Which network addresses Carecast may fetch a WordPress site from. The site address is typed by
 * an administrator, so without this an address inside the hosting network (the database, a cloud
 * metadata service, a port on the machine itself) could be probed through the server.
 */

/** Addresses that are not on the public internet. */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0:0', 96], // SIIT IPv4-translated (::ffff:0:a.b.c.d)
  ['64:ff9b:1::', 48], // local-use NAT64: translates to any IPv4 address, private ones included
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: carries an (obfuscated) IPv4 address
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local, incl. cloud metadata (fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** The 16 bytes of an IPv6 address (any spelling Node accepts). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headParts
      : [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  return groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !zeros(12, 16)) return v4(12); // ::a.b.c.d (deprecated "compatible")
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return v4(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2); // 2002::/16 (6to4)
  return null;
}

/** True for an address on the public internet; false for loopback, private, link-local, metadata… */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(address);
  if (v4) return isPublicAddress(v4);
  return !NON_PUBLIC.check(address.replace(/%.*$/, ''), 'ipv6');
}

/** Where private addresses are allowed anyway: `host`, `host:port`, `[v6]:port` or a CIDR. */
export class SiteAddressPolicy {
  private readonly cidrs = new BlockList();
  private readonly hosts: Array<Extract<AllowedPrivateHost, { kind: 'host' }>> = [];

  /** `allowed` as WORDPRESS_ALLOWED_PRIVATE_HOSTS takes it; a bad entry is refused, named. */
  constructor(allowed: readonly string[]) {
    for (const entry of parseAllowedPrivateHosts(allowed)) {
      if (entry.kind === 'network') this.cidrs.addSubnet(entry.address, entry.prefix, entry.family);
      else this.hosts.push(entry);
    }
  }

  /** May a request to `url`, resolved to `address`, go out? */
  allows(url: URL, address: string): boolean {
    if (isPublicAddress(address)) return true;
    const family = isIP(address);
    if (family && this.cidrs.check(address, family === 4 ? 'ipv4' : 'ipv6')) return true;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = Number(url.port || (url.protocol === 'https:' ? '443' : '80'));
    return this.hosts.some(
      (h) => (h.host === host || h.host === address.toLowerCase()) && (h.port === null || h.port === port),
    );
  }
}
