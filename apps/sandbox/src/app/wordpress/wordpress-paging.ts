import type { Request, Response } from 'express';
import { ctx, field, restUrl } from './wordpress-context';
import { WpError, invalidParams } from './wordpress-errors';

function positiveInt(
  req: Request,
  name: string,
  fallback: number,
  max: number,
  bad: Record<string, string>,
): number {
  const raw = field(req, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    bad[name] =
      max === Infinity
        ? `${name} must be greater than or equal to 1`
        : `${name} must be between 1 (inclusive) and ${max} (inclusive)`;
  }
  return value;
}

/** Reads `per_page` and `page`; throws one `rest_invalid_param` naming these and any earlier bad fields. */
export function readPaging(
  req: Request,
  bad: Record<string, string> = {},
): { perPage: number; page: number } {
  const perPage = positiveInt(req, 'per_page', 10, 100, bad);
  const page = positiveInt(req, 'page', 1, Infinity, bad);
  if (Object.keys(bad).length) throw invalidParams(bad);
  return { perPage, page };
}

function queryOf(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== 'rest_route' && typeof value === 'string') query[key] = value;
  }
  return query;
}

/** A collection answer: one page of items plus `X-WP-Total`, `X-WP-TotalPages` and `Link`. */
export function listResponse<T, V>(
  req: Request,
  res: Response,
  route: string,
  items: T[],
  view: (item: T) => V,
  tooFarCode: string,
): void {
  const { perPage, page } = readPaging(req);
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  if (page > totalPages && total > 0) {
    throw new WpError(
      400,
      tooFarCode,
      'The page number requested is larger than the number of pages available.',
    );
  }
  const c = ctx(res);
  const links: string[] = [];
  const query = queryOf(req);
  if (page > 1) links.push(`<${restUrl(c, route, { ...query, page: String(page - 1) })}>; rel="prev"`);
  if (page < totalPages)
    links.push(`<${restUrl(c, route, { ...query, page: String(page + 1) })}>; rel="next"`);
  res.set('X-WP-Total', String(total));
  res.set('X-WP-TotalPages', String(totalPages));
  if (links.length) res.set('Link', links.join(', '));
  res.json(items.slice((page - 1) * perPage, page * perPage).map(view));
}
