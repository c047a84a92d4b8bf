// The dashboard's nginx (compose), run for real: what its access log writes for requests that
// carry a single-use link or a query string. Needs Debian's nginx (`.ci/run` installs it).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const NGINX = '/usr/sbin/nginx';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('docker/nginx.conf access log', () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light (see .ci/run)`);
    dir = mkdtempSync(join(tmpdir(), 'carecast-nginx-'));
    chmodSync(dir, 0o755); // nginx's workers run as an unprivileged user
    port = await freePort();
    const site = readFileSync(resolve(__dirname, 'nginx.conf'), 'utf8')
      .replace(/http:\/\/api:3000/g, 'http://127.0.0.1:9')
      .replace('listen 8080', `listen 127.0.0.1:${port}`)
      .replace('/var/log/nginx/access.log', join(dir, 'access.log'))
      .replace('/usr/share/nginx/html', dir);
    writeFileSync(join(dir, 'index.html'), 'dashboard');
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log ${dir}/default-access.log;\n  include ${dir}/site.conf;\n}\n`,
    );
    const started = spawnSync(NGINX, ['-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`nginx did not start: ${started.stderr}`);
  });

  afterAll(() => {
    if (!dir) return;
    spawnSync(NGINX, ['-c', join(dir, 'nginx.conf'), '-s', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });

  async function logLineFor(path: string): Promise<string> {
    await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { referer: `http://127.0.0.1:${port}/outside-review/REFERERTOKEN` },
    }).then((r) => r.arrayBuffer());
    const lines = readFileSync(join(dir, 'access.log'), 'utf8').trim().split('\n');
    return lines[lines.length - 1];
  }

  it.each([
    ['/outside-review/TOKEN-7f3a9c', 'GET /outside-review/<redacted> HTTP/1.1'],
    ['/api/outside-reviews/TOKEN-7f3a9c', 'GET /api/outside-reviews/<redacted> HTTP/1.1'],
    [
      '/api/outside-reviews/TOKEN-7f3a9c/media/5b0e?size=1',
      'GET /api/outside-reviews/<redacted>/media/5b0e HTTP/1.1',
    ],
    [
      '/api/channels/oauth/x/callback?code=TOKEN-7f3a9c&state=abc',
      'GET /api/channels/oauth/x/callback?<redacted> HTTP/1.1',
    ],
  ])('writes %s without its secret', async (path, request) => {
    const line = await logLineFor(path);
    expect(line).toContain(`"${request}"`);
    expect(line).not.toContain('TOKEN-7f3a9c');
    expect(line).not.toContain('REFERERTOKEN');
  });

  it('writes an ordinary address as it is', async () => {
    expect(await logLineFor('/calendar')).toContain('"GET /calendar HTTP/1.1" 200');
  });
});
