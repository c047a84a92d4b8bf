import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { constants as zlib } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';

/**
 * File names the dashboard build gives a content hash (`main-4TZ2X6QO.js`, `styles-Q3J6SFRD.css`,
 * `media/inter-V5MJ3G2K.woff2`): a new build gives new names, so these never change under
 * their name and may be cached for a year.
 */
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon) is revalidated on every use, so a new build shows at once. */
export const REVALIDATE = 'no-cache';

export function cacheControlFor(path: string): string {
  return HASHED_FILE.test(basename(path)) ? IMMUTABLE : REVALIDATE;
}

/**
 * Single-host mode: the built dashboard is served from `/`, compressed (brotli or gzip, as the
 * browser accepts), with every non-server path that asks for HTML answered by `index.html`
 * (client-side routes). `serverPrefixes` (the API, the public blogs) are left alone: unknown API
 * paths stay JSON 404s and their answers are not compressed here (an API answer mixing a secret
 * with what a visitor typed must not be compressed: BREACH). Server-sent events, when the API
 * streams them, must stay uncompressed too (compression buffers them).
 */
export function serveDashboard(
  app: NestExpressApplication,
  webDistDir: string,
  serverPrefixes: string[],
): void {
  if (!webDistDir) return;
  const root = resolve(webDistDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    app.get(Logger).warn(`Dashboard not served: ${index} does not exist (build it with "npx nx build web").`);
    return;
  }
  const isServerPath = (req: Request) =>
    serverPrefixes.some((p) => req.path === `/${p}` || req.path.startsWith(`/${p}/`));
  app.use(
    compression({
      // Quality 6: as fast as the default 4 on the dashboard's bundles and smaller than gzip;
      // 8 and above cost ten times the CPU on every first download for 1% less.
      brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } },
      filter: (req, res) =>
        !isServerPath(req as Request) &&
        !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
        compression.filter(req, res),
    }),
  );
  app.use(
    express.static(root, {
      index: false,
      fallthrough: true,
      cacheControl: false,
      setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path)),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req) || !req.accepts('html'))
      return next();
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
}
