import { type Request, type Response, Router } from 'express';
import { canWrite, ctx, field, restUrl } from './wordpress-context';
import { WpError, forbidden, invalidParams } from './wordpress-errors';
import { listResponse } from './wordpress-paging';
import { sanitizeTitle } from './wordpress-post-input';
import type { WpSite, WpTerm } from './wordpress-state';

type Taxonomy = WpTerm['taxonomy'];

function termView(req: Request, res: Response, site: WpSite, term: WpTerm, route: string) {
  const c = ctx(res);
  const count = [...site.posts.values()].filter((p) =>
    (term.taxonomy === 'category' ? p.categories : p.tags).includes(term.id),
  ).length;
  return {
    id: term.id,
    count,
    description: '',
    link: `${c.siteUrl}/${term.taxonomy === 'category' ? 'category' : 'tag'}/${term.slug}/`,
    // WordPress stores and returns term names HTML-escaped.
    name: term.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    slug: term.slug,
    taxonomy: term.taxonomy,
    ...(term.taxonomy === 'category' ? { parent: 0 } : {}),
    _links: { self: [{ href: restUrl(c, `${route}/${term.id}`) }] },
  };
}

/** `GET` (with `search`, `slug`, paging) and `POST` of `/wp/v2/categories` or `/wp/v2/tags`. */
export function termsRouter(taxonomy: Taxonomy): Router {
  const route = taxonomy === 'category' ? '/wp/v2/categories' : '/wp/v2/tags';
  const router = Router();
  router.get('/', (req, res) => {
    const { site } = ctx(res);
    const search = String(field(req, 'search') ?? '').toLowerCase();
    const slug = field(req, 'slug');
    const terms = [...site.terms.values()]
      .filter((t) => t.taxonomy === taxonomy)
      .filter((t) => !search || t.name.toLowerCase().includes(search) || t.slug.includes(search))
      .filter((t) => slug === undefined || String(slug).split(',').includes(t.slug))
      .sort((a, b) => a.name.localeCompare(b.name));
    listResponse(
      req,
      res,
      route,
      terms,
      (t) => termView(req, res, site, t, route),
      'rest_invalid_page_number',
    );
  });
  router.post('/', (req, res) => {
    const c = ctx(res);
    if (!c.user || !canWrite(c.user) || c.user.role === 'contributor') {
      throw forbidden(
        !!c.user,
        'rest_cannot_create',
        'Sorry, you are not allowed to create terms in this taxonomy.',
      );
    }
    const name = field(req, 'name');
    if (typeof name !== 'string' || !name.trim()) {
      if (name === undefined)
        throw new WpError(400, 'rest_missing_callback_param', 'Missing parameter(s): name', {
          name: 'name is required.',
        });
      throw invalidParams({ name: 'name is not of type string.' });
    }
    const clean = name.trim();
    const existing = [...c.site.terms.values()].find(
      (t) => t.taxonomy === taxonomy && t.name.toLowerCase() === clean.toLowerCase(),
    );
    if (existing) {
      throw new WpError(
        400,
        'term_exists',
        'A term with the name provided already exists with this parent.',
        undefined,
        {
          term_id: existing.id,
        },
      );
    }
    const term: WpTerm = {
      id: c.site.nextTermId++,
      name: clean,
      slug: sanitizeTitle(clean) || `term-${c.site.nextTermId}`,
      taxonomy,
    };
    c.site.terms.set(term.id, term);
    res
      .status(201)
      .set('Location', restUrl(c, `${route}/${term.id}`))
      .json(termView(req, res, c.site, term, route));
  });
  return router;
}
