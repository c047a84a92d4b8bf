import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { testAppConfig } from '@carecast/server/testing';
import { signedInCookies, startTestApi, type TestApi } from './test-api.spec-helper';

const INDEX = `<!doctype html><html><head><title>Carecast</title><script src="main-4TZ2X6QO.js" type="module"></script></head><body><app-root></app-root><!--${' '.repeat(2000)}--></body></html>`;
/** A script big enough to be worth compressing, and compressible like real bundled code. */
const SCRIPT = Array.from(
  { length: 2000 },
  (_, i) => `export const value${i} = "carecast dashboard ${i}";`,
).join('\n');

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent, still compressed. */
  body: Buffer;
}

/** A GET whose body is kept as sent (a test client would decompress it). */
function rawGet(server: Server, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('the dashboard, served compressed with long-lived caching of hashed files', () => {
  let testApi: TestApi;
  let webDist: string;
  let server: Server;
  const http = () => request(testApi.app.getHttpServer());

  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'carecast-web-'));
    writeFileSync(join(webDist, 'index.html'), INDEX);
    writeFileSync(join(webDist, 'main-4TZ2X6QO.js'), SCRIPT);
    writeFileSync(join(webDist, 'styles-Q3J6SFRD.css'), 'body { margin: 0 }\n'.repeat(200));
    writeFileSync(
      join(webDist, 'favicon.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(2000)}</svg>`,
    );
    mkdirSync(join(webDist, 'media'));
    writeFileSync(join(webDist, 'media', 'inter-V5MJ3G2K.woff2'), Buffer.alloc(64, 1));
    const base = testAppConfig({ databaseUrl: '', redisUrl: '', redisPrefix: '' });
    testApi = await startTestApi('dashboard', { config: { http: { ...base.http, webDistDir: webDist } } });
    server = testApi.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await testApi?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('serves scripts brotli-compressed to browsers that accept it, gzip to the others, plain otherwise', async () => {
    const br = await rawGet(server, '/main-4TZ2X6QO.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);

    const gzip = await rawGet(server, '/main-4TZ2X6QO.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

    const plain = await rawGet(server, '/main-4TZ2X6QO.js', { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('caches files with a content hash in their name for a year, immutable', async () => {
    for (const path of ['/main-4TZ2X6QO.js', '/styles-Q3J6SFRD.css', '/media/inter-V5MJ3G2K.woff2']) {
      const res = await http().get(path);
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        cache: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('has index.html and files without a hash revalidated on every use', async () => {
    for (const path of ['/', '/calendar', '/favicon.svg']) {
      const res = await http().get(path).set('Accept', 'text/html,*/*');
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
    }
    const index = await rawGet(server, '/calendar', { Accept: 'text/html', 'Accept-Encoding': 'br' });
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.body).toString()).toBe(INDEX);
  });

  it('leaves the api alone: its answers are not compressed here and never cached', async () => {
    // An answer of a controller, over the size worth compressing (1 KB), as a signed-in browser asks.
    const { cookie } = await signedInCookies(server, 'admin@riverside.example');
    for (const encoding of ['br, gzip', 'gzip']) {
      const res = await rawGet(server, '/api/audit?limit=200', {
        'Accept-Encoding': encoding,
        Cookie: cookie,
      });
      expect(res.status).toBe(200);
      expect({ encoding, contentEncoding: res.headers['content-encoding'] }).toEqual({
        encoding,
        contentEncoding: undefined,
      });
      expect(res.body.length).toBeGreaterThan(1024);
      expect(JSON.parse(res.body.toString()).entries.length).toBeGreaterThan(1);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const missing = await http().get('/api/no-such-thing').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });
});
