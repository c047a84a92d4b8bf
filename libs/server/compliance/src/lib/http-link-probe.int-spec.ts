import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { type AppConfig, loadTestInfraConfig } from '@carecast/server/config';
import { deleteRedisPrefix, uniqueRedisPrefix } from '@carecast/server/testing';
import { ComplianceService } from './compliance.service';
import { HttpLinkProbe, type LinkResolve, systemLinkResolve } from './http-link-probe';
import { LinkCheckCache } from './link-check-cache';
import { LinkChecker } from './link-checker';

const infra = loadTestInfraConfig();

/** A local site whose pages answer as the test says; it counts the requests it gets. */
function startSite(): Promise<{ server: http.Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const path = req.url ?? '/';
    if (path === '/ok') return void res.writeHead(200).end('fine');
    if (path === '/missing') return void res.writeHead(404).end();
    if (path === '/trouble') return void res.writeHead(503).end();
    if (path === '/no-head') return void res.writeHead(req.method === 'HEAD' ? 405 : 200).end('body');
    if (path === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
    if (path.startsWith('/loop')) return void res.writeHead(302, { location: `/loop${path.length}` }).end();
    if (path === '/to-metadata')
      return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (path === '/slow') return; // never answers
    res.writeHead(500).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }),
    ),
  );
}

function config(allowed: string[], timeoutMs = 2_000): AppConfig {
  return {
    redis: { url: infra.REDIS_URL, prefix: 'unused' },
    compliance: {
      linkCheckTimeoutMs: timeoutMs,
      linkCheckCacheSeconds: 60,
      linkCheckAllowedPrivateHosts: allowed,
    },
  } as unknown as AppConfig;
}

describe('HttpLinkProbe against a local site', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let probe: HttpLinkProbe;

  beforeAll(async () => {
    site = await startSite();
    probe = new HttpLinkProbe(config(['127.0.0.1']), systemLinkResolve);
  });
  afterAll(async () => {
    site.server.closeAllConnections();
    await new Promise((r) => site.server.close(r));
  });
  beforeEach(() => {
    site.requests.length = 0;
  });

  it('finds a page that opens with one HEAD request', async () => {
    await expect(probe.probe(`${site.base}/ok`)).resolves.toEqual({ kind: 'ok', status: 200 });
    expect(site.requests).toEqual(['HEAD /ok']);
  });

  it('asks with GET when the site refuses HEAD', async () => {
    await expect(probe.probe(`${site.base}/no-head`)).resolves.toEqual({ kind: 'ok', status: 200 });
    expect(site.requests).toEqual(['HEAD /no-head', 'GET /no-head']);
  });

  it('reports a missing page and a failing site by their status', async () => {
    await expect(probe.probe(`${site.base}/missing`)).resolves.toMatchObject({ kind: 'broken', status: 404 });
    await expect(probe.probe(`${site.base}/trouble`)).resolves.toMatchObject({ kind: 'broken', status: 503 });
  });

  it('follows a redirect, but not a loop', async () => {
    await expect(probe.probe(`${site.base}/moved`)).resolves.toEqual({ kind: 'ok', status: 200 });
    await expect(probe.probe(`${site.base}/loop`)).resolves.toEqual({
      kind: 'broken',
      status: null,
      reason: 'too many redirects',
    });
    expect(site.requests.filter((r) => r.startsWith('HEAD /loop'))).toHaveLength(4);
  });

  it('refuses a redirect into the cloud metadata address without going there', async () => {
    await expect(probe.probe(`${site.base}/to-metadata`)).resolves.toMatchObject({ kind: 'refused' });
  });

  it('refuses the loopback address when it is not allowed, without sending anything', async () => {
    const strict = new HttpLinkProbe(config([]), systemLinkResolve);
    await expect(strict.probe(`${site.base}/ok`)).resolves.toMatchObject({ kind: 'refused' });
    const sneaky: LinkResolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const viaName = new HttpLinkProbe(config([]), sneaky);
    await expect(viaName.probe('http://looks-public.example/ok')).resolves.toMatchObject({ kind: 'refused' });
    expect(site.requests).toEqual([]);
  });

  it('has no answer when the name does not resolve or the site is silent', async () => {
    const offline: LinkResolve = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    await expect(
      new HttpLinkProbe(config([]), offline).probe('https://riversidefm.example/'),
    ).resolves.toEqual({
      kind: 'unreachable',
      reason: 'EAI_AGAIN',
    });
    const impatient = new HttpLinkProbe(config(['127.0.0.1'], 300), systemLinkResolve);
    await expect(impatient.probe(`${site.base}/slow`)).resolves.toEqual({
      kind: 'unreachable',
      reason: 'timed out',
    });
  });

  it('calls anything but http and https not a link', async () => {
    await expect(probe.probe('ftp://127.0.0.1/file')).resolves.toMatchObject({ kind: 'invalid' });
    await expect(probe.probe('not a url')).resolves.toMatchObject({ kind: 'invalid' });
  });
});

describe('ComplianceService link answers in Redis', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('link-check');

  beforeAll(async () => {
    site = await startSite();
    redis = new Redis(infra.REDIS_URL);
  });
  afterAll(async () => {
    await deleteRedisPrefix(infra.REDIS_URL, prefix);
    redis.disconnect();
    site.server.closeAllConnections();
    await new Promise((r) => site.server.close(r));
  });

  it('asks the site once and answers the next check from Redis', async () => {
    const cfg = { ...config(['127.0.0.1']), redis: { url: infra.REDIS_URL, prefix } } as AppConfig;
    const service = new ComplianceService(
      new LinkChecker(new HttpLinkProbe(cfg, systemLinkResolve), new LinkCheckCache(redis, cfg)),
    );
    const input = {
      kind: 'post' as const,
      texts: [
        { field: 'base.text', text: `Details: ${site.base}/missing`, channel: null, language: 'en' as const },
      ],
      media: [],
      link: `${site.base}/ok`,
    };
    const ctx = {
      organisation: {
        name: 'Riverside',
        phones: [],
        emails: [],
        addresses: [],
        websites: [],
        staffNames: [],
      },
      requireSpanishForAlerts: false,
    };
    const first = await service.checkContent(input, ctx);
    const second = await service.checkContent(input, ctx);
    expect(first.filter((f) => f.rule.startsWith('link.'))).toEqual([
      expect.objectContaining({
        rule: 'link.unresolved',
        severity: 'block',
        excerpt: `${site.base}/missing`,
      }),
    ]);
    expect(second).toEqual(first);
    expect(site.requests.sort()).toEqual(['HEAD /missing', 'HEAD /ok']);
    expect(await redis.keys(`${prefix}:link-check:*`)).toHaveLength(2);
  });
});
