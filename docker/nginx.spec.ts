// The dashboard's nginx (compose), read as text: which location answers which path, and what
// each one compresses and lets browsers cache.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const conf = readFileSync(resolve(__dirname, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');

interface Location {
  modifier: '' | '=' | '^~' | '~' | '~*';
  pattern: string;
  body: string;
}

const LOCATION = /location\s+(?:(=|\^~|~\*|~)\s+)?("[^"]+"|\S+)\s*\{([^}]*)\}/g;

/** The server's location blocks, in order (none is nested, none holds a brace of its own). */
const locations: Location[] = [...conf.matchAll(LOCATION)].map((m) => ({
  modifier: (m[1] ?? '') as Location['modifier'],
  pattern: m[2].replace(/^"(.*)"$/, '$1'),
  body: m[3],
}));

/** The location nginx picks for a path: exact, then the longest prefix (^~ stops there), then regexes in order. */
function locationFor(path: string): Location {
  const exact = locations.find((l) => l.modifier === '=' && l.pattern === path);
  if (exact) return exact;
  const prefix = locations
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && path.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
  if (prefix?.modifier === '^~') return prefix;
  const regex = locations.find(
    (l) =>
      (l.modifier === '~' || l.modifier === '~*') &&
      new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(path),
  );
  const found = regex ?? prefix;
  if (!found) throw new Error(`no location for ${path}`);
  return found;
}

const directive = (body: string, name: string): string | null =>
  new RegExp(`(?:^|[;{\\s])${name}\\s+([^;]+);`).exec(body)?.[1].trim() ?? null;
const cacheControl = (path: string) =>
  /add_header\s+Cache-Control\s+"([^"]+)"/.exec(locationFor(path).body)?.[1] ?? null;

describe('docker/nginx.conf', () => {
  it('parses into the locations it has', () => {
    expect(locations.map((l) => `${l.modifier} ${l.pattern}`.trim())).toEqual(
      expect.arrayContaining(['= /healthz', '^~ /api/', '^~ /blog/', '/']),
    );
  });

  it.each(['/api/auth/me', '/api/events', '/api/files/report-ABCDEFGH.js', '/api/docs/swagger-ui.css'])(
    'leaves %s to the api: proxied, never compressed or cached by nginx',
    (path) => {
      const location = locationFor(path);
      expect(location.pattern).toBe('/api/');
      expect(directive(location.body, 'proxy_pass')).toBe('http://api:3000');
      expect(directive(location.body, 'gzip')).toBe('off');
      expect(location.body).not.toMatch(/Cache-Control|expires/);
    },
  );

  it('lets an image upload through to the api, larger than the 1 MB default, the api judging its size', () => {
    const location = locationFor('/api/media');
    expect(location.modifier).toBe('=');
    expect(directive(location.body, 'proxy_pass')).toBe('http://api:3000');
    expect(directive(location.body, 'client_max_body_size')).toBe('12m');
    expect(directive(location.body, 'gzip')).toBe('off');
    expect(locationFor('/api/media/3f2b8c1e-5d4a-4b6f-9c1d-2e7a8b9c0d1e').pattern).toBe('/api/');
    expect(directive(conf.replace(LOCATION, ''), 'client_max_body_size')).toBeNull();
  });

  it.each(['/blog/riverside/', '/blog/riverside/feed.xml', '/blog/riverside/images/photo-ABCDEFGH.css'])(
    'leaves %s to the api too',
    (path) => {
      const location = locationFor(path);
      expect(location.pattern).toBe('/blog/');
      expect(directive(location.body, 'gzip')).toBe('off');
      expect(location.body).not.toMatch(/Cache-Control|expires/);
    },
  );

  it('compresses nothing at the server level, only in the locations of its own files', () => {
    const outside = conf.replace(LOCATION, '');
    expect(outside).toMatch(/server_tokens off;/);
    expect(outside).not.toMatch(/\bgzip\b/);
    for (const path of ['/', '/index.html', '/main-6PS6OLNO.js', '/favicon.svg']) {
      const { body } = locationFor(path);
      expect(directive(body, 'gzip')).toBe('on');
      const types = directive(body, 'gzip_types')?.split(/\s+/) ?? [];
      expect(types).toEqual(
        expect.arrayContaining(['text/css', 'application/javascript', 'image/svg+xml', 'application/json']),
      );
      expect(directive(body, 'gzip_vary')).toBe('on');
    }
  });

  it.each(['/main-6PS6OLNO.js', '/chunk-2C5BYFSD.js', '/polyfills-FFSLWLA5.js', '/styles-MWNKEUDU.css'])(
    'caches %s (its name carries a content hash) for a year, immutable',
    (path) => {
      expect(cacheControl(path)).toBe('public, max-age=31536000, immutable');
      expect(directive(locationFor(path).body, 'try_files')).toBe('$uri =404');
    },
  );

  it.each([
    '/favicon.svg',
    '/main.js',
    '/styles.css',
    '/logo.png',
    '/favicon.ico',
    '/vendor-software.js',
    '/main-6ps6olno.js',
    '/main-6PS6OLNO.js.map',
    '/index.html',
    '/',
    '/calendar',
  ])('has %s revalidated, never immutable', (path) => {
    expect(cacheControl(path)).toBe('no-cache');
    expect(locationFor(path).body).not.toMatch(/immutable|expires/);
  });
});
