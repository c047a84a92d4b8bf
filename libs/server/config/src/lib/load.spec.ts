import { parseAllowedPrivateHost } from './allowed-private-hosts';
import { ConfigError, loadAppConfig, loadLauncherConfig } from './load';

const valid = {
  DATABASE_URL: 'postgres://carecast:secret@db.internal:5432/carecast',
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  AUDIT_HMAC_KEY: Buffer.alloc(32, 3).toString('base64'),
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig(valid);
    expect(config.env).toBe('development');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000, trustProxy: false });
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.redis.prefix).toBe('carecast');
    expect(config.worker).toEqual({ concurrency: 4, heartbeatIntervalMs: 10_000 });
    expect(config.database.poolSize).toBe(10);
  });

  it('coerces numbers and booleans from strings', () => {
    const config = loadAppConfig({ ...valid, PORT: '8080', TRUST_PROXY: 'true', LOG_PRETTY: '1' });
    expect(config.http.port).toBe(8080);
    expect(config.http.trustProxy).toBe(true);
    expect(config.log.pretty).toBe(true);
  });

  it('reads TRUST_PROXY as a hop count, so forged X-Forwarded-For hops are not trusted', () => {
    expect(loadAppConfig({ ...valid, TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadAppConfig({ ...valid, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadAppConfig({ ...valid, TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(problemsOf(() => loadAppConfig({ ...valid, TRUST_PROXY: 'nginx' })).join(' ')).toMatch(
      /TRUST_PROXY/,
    );
  });

  it('names a missing required variable and what is expected', () => {
    const problems = problemsOf(() =>
      loadAppConfig({
        REDIS_URL: valid.REDIS_URL,
        DATA_ENCRYPTION_KEYS: valid.DATA_ENCRYPTION_KEYS,
        AUDIT_HMAC_KEY: valid.AUDIT_HMAC_KEY,
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL is required: a PostgreSQL URL/);
  });

  it('gives one line per malformed variable', () => {
    const problems = problemsOf(() =>
      loadAppConfig({ ...valid, PORT: 'eighty', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/TCP port number/);
    expect(problems.find((p) => p.startsWith('REDIS_URL'))).toMatch(/Redis URL/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toMatch(/one of fatal, error/);
    problems.forEach((p) => expect(p).not.toContain('\n'));
  });

  it('rejects an out-of-range port', () => {
    expect(problemsOf(() => loadAppConfig({ ...valid, PORT: '70000' }))[0]).toMatch(/^PORT invalid/);
  });

  it('never echoes a URL that carries credentials', () => {
    const problems = problemsOf(() => loadAppConfig({ ...valid, DATABASE_URL: 'mysql://root:hunter2@x/db' }));
    expect(problems[0]).toContain('DATABASE_URL');
    expect(problems[0]).not.toContain('hunter2');
  });

  it('treats an empty value as unset', () => {
    expect(loadAppConfig({ ...valid, PORT: '' }).http.port).toBe(3000);
  });
});

describe('encryption keys', () => {
  const k2 = Buffer.alloc(32, 2).toString('base64');

  it('reads a key ring and uses the first key unless told otherwise', () => {
    const two = { ...valid, DATA_ENCRYPTION_KEYS: `${valid.DATA_ENCRYPTION_KEYS},k2:${k2}` };
    expect(loadAppConfig(two).encryption.activeKeyId).toBe('k1');
    const config = loadAppConfig({ ...two, DATA_ENCRYPTION_ACTIVE_KEY: 'k2' });
    expect(config.encryption.activeKeyId).toBe('k2');
    expect(config.encryption.keys['k2']).toEqual(Buffer.alloc(32, 2));
  });

  it('refuses keys of the wrong size and an active id that is not in the ring', () => {
    const short = problemsOf(() => loadAppConfig({ ...valid, DATA_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' }));
    expect(short[0]).toMatch(/^DATA_ENCRYPTION_KEYS invalid: .*32 bytes/);
    expect(short[0]).not.toContain('c2hvcnQ');
    const missing = problemsOf(() => loadAppConfig({ ...valid, DATA_ENCRYPTION_ACTIVE_KEY: 'k9' }));
    expect(missing[0]).toMatch(/^DATA_ENCRYPTION_ACTIVE_KEY invalid: "k9" is not a key id/);
  });

  it('turns demo data on in development only, unless set', () => {
    expect(loadAppConfig(valid).demoData).toBe(true);
    expect(loadAppConfig({ ...valid, NODE_ENV: 'production' }).demoData).toBe(false);
    expect(loadAppConfig({ ...valid, DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});

describe('the audit trail and the database roles', () => {
  it('needs the audit key, checks its size and never echoes it', () => {
    const { AUDIT_HMAC_KEY: _key, ...withoutKey } = valid;
    expect(problemsOf(() => loadAppConfig(withoutKey))).toEqual([
      expect.stringMatching(/^AUDIT_HMAC_KEY is required: a 32-byte key in base64/),
    ]);
    const short = problemsOf(() => loadAppConfig({ ...valid, AUDIT_HMAC_KEY: 'c2hvcnQ=' }));
    expect(short[0]).toMatch(/^AUDIT_HMAC_KEY invalid: expected a 32-byte key/);
    expect(short[0]).not.toContain('c2hvcnQ');
    expect(loadAppConfig(valid).audit.hmacKey).toEqual(Buffer.alloc(32, 3));
  });

  it('keeps checkpoints under .data by default, signed every 5 minutes', () => {
    expect(loadAppConfig(valid).audit).toMatchObject({
      checkpointDir: '.data/audit-checkpoints',
      checkpointIntervalMs: 300_000,
    });
    expect(loadAppConfig({ ...valid, AUDIT_CHECKPOINT_DIR: '/var/lib/carecast' }).audit.checkpointDir).toBe(
      '/var/lib/carecast',
    );
  });

  it('keeps uploaded images under .data by default, up to 10 MiB each', () => {
    expect(loadAppConfig(valid).media).toEqual({ dir: '.data/media', maxUploadBytes: 10 * 1024 * 1024 });
    expect(
      loadAppConfig({ ...valid, MEDIA_DIR: '/srv/media', MEDIA_MAX_UPLOAD_BYTES: '2000000' }).media,
    ).toEqual({ dir: '/srv/media', maxUploadBytes: 2_000_000 });
    expect(() => loadAppConfig({ ...valid, MEDIA_MAX_UPLOAD_BYTES: '10MB' })).toThrow(
      /MEDIA_MAX_UPLOAD_BYTES/,
    );
  });

  it('migrates with DATABASE_URL unless DATABASE_MIGRATION_URL names the owner', () => {
    expect(loadAppConfig(valid).database.migrationUrl).toBe(valid.DATABASE_URL);
    const owner = 'postgres://owner:secret@db.internal:5432/carecast';
    const config = loadAppConfig({ ...valid, DATABASE_MIGRATION_URL: owner });
    expect(config.database).toMatchObject({ url: valid.DATABASE_URL, migrationUrl: owner });
  });
});

describe('loadLauncherConfig', () => {
  it('needs no variables at all', () => {
    const config = loadLauncherConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBeNull();
    expect(config.dataDir).toBe('.data');
  });

  it('hands the environment to children with overrides', () => {
    const config = loadLauncherConfig({ FOO: 'bar' });
    expect(config.childEnv({ DATABASE_URL: 'x' })).toMatchObject({ FOO: 'bar', DATABASE_URL: 'x' });
  });

  it("keeps the database owner's secrets from the children, even when asked to pass them", () => {
    const config = loadLauncherConfig({
      EMBEDDED_POSTGRES_PASSWORD: 'owner-secret',
      DATABASE_MIGRATION_URL: 'postgres://owner:owner-secret@db.internal:5432/carecast',
      FOO: 'bar',
    });
    const env = config.childEnv({ EMBEDDED_POSTGRES_PASSWORD: 'again', DATABASE_URL: 'postgres://app@db/x' });
    expect(env).toMatchObject({ FOO: 'bar', DATABASE_URL: 'postgres://app@db/x' });
    expect(Object.keys(env)).not.toContain('EMBEDDED_POSTGRES_PASSWORD');
    expect(Object.keys(env)).not.toContain('DATABASE_MIGRATION_URL');
    expect(JSON.stringify(env)).not.toContain('owner-secret');
  });

  it('has no published default password for the embedded PostgreSQL (the launcher makes one)', () => {
    expect(loadLauncherConfig({}).embeddedPostgres.password).toBeNull();
    const chosen = loadLauncherConfig({ EMBEDDED_POSTGRES_PASSWORD: 'chosen' });
    expect(chosen.embeddedPostgres.password).toBe('chosen');
  });
});

describe('compliance link check settings', () => {
  it('defaults to a 3 s timeout, an hour of remembered answers and no private addresses', () => {
    expect(loadAppConfig(valid).compliance).toEqual({
      linkCheckTimeoutMs: 3_000,
      linkCheckCacheSeconds: 3_600,
      linkCheckUncheckedCacheSeconds: 60,
      linkCheckAllowedPrivateHosts: [],
    });
  });

  it('reads the timeout and the allowed private hosts', () => {
    const config = loadAppConfig({
      ...valid,
      LINK_CHECK_TIMEOUT_MS: '500',
      LINK_CHECK_ALLOWED_PRIVATE_HOSTS: ' 127.0.0.1:3100, intranet.local ',
    });
    expect(config.compliance.linkCheckTimeoutMs).toBe(500);
    expect(config.compliance.linkCheckAllowedPrivateHosts).toEqual(['127.0.0.1:3100', 'intranet.local']);
  });

  it('refuses a bad timeout or allowed host, naming the setting', () => {
    expect(problemsOf(() => loadAppConfig({ ...valid, LINK_CHECK_TIMEOUT_MS: '0' })).join()).toMatch(
      /LINK_CHECK_TIMEOUT_MS/,
    );
    expect(
      problemsOf(() =>
        loadAppConfig({ ...valid, LINK_CHECK_ALLOWED_PRIVATE_HOSTS: 'http://x.local' }),
      ).join(),
    ).toMatch(/LINK_CHECK_ALLOWED_PRIVATE_HOSTS.*is a URL/);
  });
});

describe('WORDPRESS_ALLOWED_PRIVATE_HOSTS', () => {
  const hosts = (value: string) =>
    loadAppConfig({ ...valid, WORDPRESS_ALLOWED_PRIVATE_HOSTS: value }).platforms
      .wordpressAllowedPrivateHosts;

  it('takes hosts, host:port, [IPv6]:port and CIDR networks', () => {
    expect(
      hosts(
        '127.0.0.1:3100, localhost, wordpress.internal:8080, [::1]:8080, ::1, 10.1.2.0/24, fd00::/8, my_wp',
      ),
    ).toEqual([
      '127.0.0.1:3100',
      'localhost',
      'wordpress.internal:8080',
      '[::1]:8080',
      '::1',
      '10.1.2.0/24',
      'fd00::/8',
      'my_wp',
    ]);
  });

  it.each([
    ['10.0.0.0/99', /"10\.0\.0\.0\/99" has prefix \/99: expected 1-32/],
    ['fd00::/200', /expected 1-128 for an IPv6 network/],
    ['0.0.0.0/0', /"0\.0\.0\.0\/0" would allow every address/],
    ['::/0', /would allow every address/],
    ['http://localhost:3100', /"http:\/\/localhost:3100" is a URL: give host, host:port/],
    ['localhost:0', /has port "0": expected 1-65535/],
    ['localhost:70000', /expected 1-65535/],
    ['localhost:', /has port "": expected 1-65535/],
    ['[::1]:99999', /expected 1-65535/],
    ['[10.0.0.1]', /is not an IPv6 address in brackets/],
    ['10.0.0.300', /is not an IPv4 address/],
    ['2130706433', /is not an IPv4 address/],
    ['wp.internal/path', /is not a host, host:port/],
    ['wp..internal', /is not a host name or IP address/],
    ['host name', /is not a host name/],
    ['wp.internal:80:80', /is not a host name or IP address/],
  ])('refuses %s, naming the entry and the rule', (entry, message) => {
    const problems = problemsOf(() =>
      loadAppConfig({ ...valid, WORDPRESS_ALLOWED_PRIVATE_HOSTS: `localhost,${entry}` }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^WORDPRESS_ALLOWED_PRIVATE_HOSTS invalid: entry /);
    expect(problems[0]).toMatch(message);
  });

  it('reads [IPv6]/prefix as the network it names', () => {
    expect(parseAllowedPrivateHost('[fd00::]/8')).toEqual({
      kind: 'network',
      address: 'fd00::',
      prefix: 8,
      family: 'ipv6',
    });
    expect(parseAllowedPrivateHost('[0:0::1]:8080')).toEqual({ kind: 'host', host: '::1', port: 8080 });
  });
});
