import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { commentsRouter } from './wordpress-comments';
import { type WpContext, authenticate, ctx } from './wordpress-context';
import { createWordPressControl } from './wordpress-control';
import { WpError, noRoute, wpErrorHandler } from './wordpress-errors';
import { wpFaultMiddleware } from './wordpress-faults';
import { mediaRouter, serveUpload } from './wordpress-media';
import { postsRouter } from './wordpress-posts';
import { termsRouter } from './wordpress-terms';
import { userView } from './wordpress-views';
import type { WordPressState } from './wordpress-state';

export const WORDPRESS_BASE_PATH = '/wp/:site';

/** What a web server answers for a site that is not WordPress: an HTML 404, no JSON. */
function notWordPress(res: Response): void {
  res
    .status(404)
    .type('html')
    .send(
      '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>',
    );
}

function index(_req: Request, res: Response): void {
  const c = ctx(res);
  res.json({
    name: c.site.title,
    description: 'Just another WordPress site',
    url: c.siteUrl,
    home: c.siteUrl,
    gmt_offset: 0,
    timezone_string: 'UTC',
    namespaces: ['oembed/1.0', 'wp/v2', 'wp-site-health/v1'],
    authentication: {
      'application-passwords': {
        endpoints: { authorization: `${c.siteUrl}/wp-admin/authorize-application.php` },
      },
    },
    routes: {},
  });
}

function restApi(state: WordPressState): Router {
  const api = Router({ mergeParams: true });
  api.use(wpFaultMiddleware(state));
  api.use(express.json({ limit: '5mb' }), express.urlencoded({ extended: true, limit: '5mb' }));
  api.use((req, res, next) => {
    const c = ctx(res);
    c.user = authenticate(c.site, req.get('authorization'));
    next();
  });
  api.get('/', index);
  api.use('/wp/v2/posts', postsRouter());
  api.use('/wp/v2/media', mediaRouter());
  api.use('/wp/v2/comments', commentsRouter());
  api.use('/wp/v2/categories', termsRouter('category'));
  api.use('/wp/v2/tags', termsRouter('post_tag'));
  api.get('/wp/v2/users/me', (_req, res) => {
    const c = ctx(res);
    if (!c.user) throw new WpError(401, 'rest_not_logged_in', 'You are not currently logged in.');
    res.json(userView(c, c.user));
  });
  api.use(() => {
    throw noRoute();
  });
  api.use(wpErrorHandler);
  return api;
}

/** Resolves the site, or answers like a web server that does not run WordPress. */
function siteContext(state: WordPressState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const site = state.sites.get(String(req.params['site']));
    if (!site) return notWordPress(res);
    const siteUrl = `${req.protocol}://${req.get('host')}/wp/${site.name}`;
    const wp: WpContext = { site, siteUrl, plain: false };
    res.locals['wp'] = wp;
    next();
  };
}

/** `/?rest_route=/wp/v2/posts&x=1` is served as `/wp/v2/posts?x=1`, the plain-permalink way. */
function plainPermalinks(api: Router) {
  return (req: Request, res: Response, next: NextFunction) => {
    const route = req.query['rest_route'];
    if (req.path !== '/' || typeof route !== 'string') return next();
    ctx(res).plain = true;
    const rest = new URLSearchParams(req.url.split('?')[1] ?? '');
    rest.delete('rest_route');
    req.url = `${route}${rest.size ? `?${rest.toString()}` : ''}`;
    api(req, res, next);
  };
}

function siteRouter(state: WordPressState): Router {
  const site = Router({ mergeParams: true });
  const api = restApi(state);
  site.use(siteContext(state));
  site.use(plainPermalinks(api));
  site.use('/wp-json', (req, res, next) => {
    // Without rewrite rules, /wp-json/ is just a path the server does not have.
    if (ctx(res).site.permalinks === 'plain') return notWordPress(res);
    api(req, res, next);
  });
  site.get('/wp-content/uploads/*path', (req, res) => {
    const path = ([] as string[]).concat(req.params['path'] as string | string[]).join('/');
    if (!serveUpload(ctx(res).site, path, res)) notWordPress(res);
  });
  site.get('/', (_req, res) => {
    res
      .type('html')
      .send(
        `<!doctype html><html><head><meta name="generator" content="WordPress 6.8"><title>${ctx(res).site.title}</title></head><body></body></html>`,
      );
  });
  site.use((_req, res) => notWordPress(res));
  return site;
}

/**
 * The WordPress REST API emulator: sites under `/wp/<site>` (both `/wp-json/...` and
 * `?rest_route=...`) and the control API under `/_sandbox/wordpress`. Mount it at the sandbox root.
 */
export function createWordPressEmulator(state: WordPressState): Router {
  const router = Router();
  router.use('/wp/:site', siteRouter(state));
  router.use('/_sandbox/wordpress', createWordPressControl(state));
  return router;
}
