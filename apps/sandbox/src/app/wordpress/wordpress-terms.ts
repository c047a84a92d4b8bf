import { type Request, type Response, Router } from 'express';
import { canWrite, ctx, field, restUrl } from './wordpress-context';
import { WpError, forbidden, invalidParams } from './wordpress-errors';
import { listResponse } from './wordpress-paging';
import { sanitizeTitle } from './wordpress-post-input';
import { storedTermName } from './wordpress-format';
import type { WpSite, WpTerm } from './wordpress-state';

/** The slug is made from the name as typed, not from its entities. */
const decodeStored = (name: string) =>
  name.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function uniqueTermSlug(site: WpSite, taxonomy: WpTerm['taxonomy'], slug: string): string {
  const taken = (s: string) => [...site.terms.values()].some((t) => t.taxonomy === taxonomy && t.slug === s);
  let candidate = slug;
  for (let n = 2; taken(candidate); n++) candidate = `${slug}-${n}`;
  return candidate;
}

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
    // Stored and returned HTML-escaped.
    name: term.name,
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
    // `name LIKE %search% OR slug LIKE %search%` on the stored (escaped) name: "Flu & colds"
    // does not find "Flu &amp; colds".
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
    const clean = storedTermName(name);
    if (!clean) throw new WpError(400, 'empty_term_name', 'A name is required for this term.');
    const slug = sanitizeTitle(decodeStored(clean)) || `term-${c.site.nextTermId}`;
    // wp_insert_term compares the escaped name, case-insensitively (and, for categories, the slug).
    const existing = [...c.site.terms.values()].find(
      (t) =>
        t.taxonomy === taxonomy &&
        (t.name.toLowerCase() === clean.toLowerCase() || (taxonomy === 'category' && t.slug === slug)),
    );
    if (existing) {
      throw new WpError(
        400,
        'term_exists',
        taxonomy === 'category'
          ? 'A term with the name provided already exists with this parent.'
          : 'A term with the name provided already exists in this taxonomy.',
        undefined,
        { term_id: existing.id },
      );
    }
    const term: WpTerm = {
      id: c.site.nextTermId++,
      name: clean,
      slug: uniqueTermSlug(c.site, taxonomy, slug),
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
