import { SiteAddressPolicy, embeddedIpv4, isPublicAddress } from './site-address-policy';
import { SiteAddressRefusedError, UNREACHABLE_SITE, fetchWordPressSite } from './wordpress-site-fetch';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.169.254',
    '169.254.1.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    // NAT64 with the embedded IPv4 address private, local-use NAT64, Teredo, SIIT
    '64:ff9b::10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::808:808',
    '64:ff9b:1:ffff::1',
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '::ffff:0:7f00:1',
    '::ffff:0:808:808',
    '::ffff:0:10.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::6810:84e5',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2001:4860:4860::8888',
  ])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('reads the IPv4 address inside mapped and translated IPv6 addresses', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });
});

describe('SiteAddressPolicy', () => {
  const url = (u: string) => new URL(u);

  it('allows private addresses only where the allow-list names them', () => {
    const none = new SiteAddressPolicy([]);
    expect(none.allows(url('http://127.0.0.1:3100/'), '127.0.0.1')).toBe(false);
    expect(none.allows(url('https://blog.example.org/'), '93.184.215.14')).toBe(true);

    const policy = new SiteAddressPolicy(['127.0.0.1:3100', 'wp.internal', '10.20.0.0/16', '[::1]:8080']);
    expect(policy.allows(url('http://127.0.0.1:3100/'), '127.0.0.1')).toBe(true);
    expect(policy.allows(url('http://127.0.0.1:5432/'), '127.0.0.1')).toBe(false);
    expect(policy.allows(url('http://wp.internal/'), '10.9.9.9')).toBe(true);
    expect(policy.allows(url('http://other.internal/'), '10.20.1.1')).toBe(true);
    expect(policy.allows(url('http://other.internal/'), '10.21.1.1')).toBe(false);
    expect(policy.allows(url('http://[::1]:8080/'), '::1')).toBe(true);
    expect(policy.allows(url('http://[::1]:8081/'), '::1')).toBe(false);
    // Allowing a name does not allow the metadata service under another name.
    expect(policy.allows(url('http://metadata.example/'), '169.254.169.254')).toBe(false);
  });

  it('matches IPv6 entries however they are spelled, and bracketed networks', () => {
    const policy = new SiteAddressPolicy(['[0:0::1]:8080', '[fd00::]/8']);
    expect(policy.allows(url('http://[::1]:8080/'), '::1')).toBe(true);
    expect(policy.allows(url('http://wp.internal/'), 'fd12::5')).toBe(true);
    expect(policy.allows(url('http://wp.internal/'), 'fe80::5')).toBe(false);
  });

  it('refuses an entry that would never match or would allow every address, naming it', () => {
    for (const entry of ['10.0.0.0/99', '0.0.0.0/0', '::/0', 'http://localhost:3100']) {
      expect(() => new SiteAddressPolicy(['localhost', entry])).toThrow(
        `WORDPRESS_ALLOWED_PRIVATE_HOSTS entry ${JSON.stringify(entry)}`,
      );
    }
  });
});

describe('fetchWordPressSite', () => {
  const strict = new SiteAddressPolicy([]);
  const neverResolve = () => Promise.reject(new Error('no DNS in this test'));

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/', // 127.0.0.1 in decimal: URL parsing turns it into the dotted form
    'http://0x7f.1/',
    'http://017700000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://0.0.0.0:22/',
    'ftp://93.184.215.14/',
  ])('refuses %s before connecting', async (address) => {
    await expect(
      fetchWordPressSite(strict, address, { method: 'GET', headers: {} }, { resolve: neverResolve }),
    ).rejects.toThrow(new SiteAddressRefusedError(UNREACHABLE_SITE));
  });

  it('refuses a name when any of its addresses is private (no split answers)', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    await expect(
      fetchWordPressSite(
        strict,
        'https://blog.example.org/wp-json/',
        { method: 'GET', headers: {} },
        { resolve },
      ),
    ).rejects.toBeInstanceOf(SiteAddressRefusedError);
  });
});
