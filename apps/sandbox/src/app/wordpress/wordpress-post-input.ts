import type { Request } from 'express';
import { WpError, invalidParams } from './wordpress-errors';
import { field } from './wordpress-context';
import type { WpSite } from './wordpress-state';

export const POST_STATUSES = ['publish', 'future', 'draft', 'pending', 'private'];
const FUTURE_THRESHOLD_MS = 60_000;

export interface PostInput {
  title?: string;
  content?: string;
  excerpt?: string;
  status?: string;
  dateGmt?: Date;
  slug?: string;
  categories?: number[];
  tags?: number[];
  featuredMedia?: number;
}

/** `title: "x"` or `title: {raw: "x"}`, as the REST API accepts both. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return String((value as Record<string, unknown>)['raw'] ?? '');
  return String(value);
}

/** RFC 3339 with or without a zone; no zone means site time, which is UTC here. */
export function parseWpDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.exec(value);
  if (!match) return undefined;
  const date = new Date(match[2] ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function intList(value: unknown, name: string, bad: Record<string, string>): number[] | undefined {
  if (value === undefined) return undefined;
  const items =
    typeof value === 'string' ? value.split(',').filter(Boolean) : Array.isArray(value) ? value : [value];
  const numbers = items.map((item) =>
    typeof item === 'number' ? item : /^\d+$/.test(String(item)) ? Number(item) : NaN,
  );
  const wrong = numbers.findIndex((n) => !Number.isInteger(n));
  if (wrong !== -1) bad[name] = `${name}[${wrong}] is not of type integer.`;
  return numbers;
}

function dateOf(req: Request, bad: Record<string, string>): Date | undefined {
  for (const name of ['date_gmt', 'date']) {
    const raw = field(req, name);
    if (raw === undefined || raw === null) continue;
    const date = parseWpDate(raw);
    if (!date) bad[name] = 'Invalid date.';
    else return date;
  }
  return undefined;
}

function integer(value: unknown, name: string, bad: Record<string, string>): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  bad[name] = `${name} is not of type integer.`;
  return undefined;
}

/** Validates a create request the way the posts controller's schema does, naming every bad field. */
export function readPostInput(req: Request, site: WpSite): PostInput {
  const bad: Record<string, string> = {};
  const status = field(req, 'status');
  if (status !== undefined && !POST_STATUSES.includes(String(status))) {
    bad['status'] = `status is not one of ${POST_STATUSES.join(', ')}.`;
  }
  const slug = field(req, 'slug');
  if (slug !== undefined && typeof slug !== 'string') bad['slug'] = 'slug is not of type string.';
  const input: PostInput = {
    title: text(field(req, 'title')),
    content: text(field(req, 'content')),
    excerpt: text(field(req, 'excerpt')),
    status: status === undefined ? undefined : String(status),
    dateGmt: dateOf(req, bad),
    slug: typeof slug === 'string' ? slug : undefined,
    categories: intList(field(req, 'categories'), 'categories', bad),
    tags: intList(field(req, 'tags'), 'tags', bad),
    featuredMedia: integer(field(req, 'featured_media'), 'featured_media', bad),
  };
  if (Object.keys(bad).length) throw invalidParams(bad);
  if (input.featuredMedia && !site.media.has(input.featuredMedia)) {
    throw new WpError(400, 'rest_invalid_featured_media', 'Invalid featured media ID.');
  }
  return input;
}

/** `publish` dated more than a minute ahead is stored as `future`; `future` in the past publishes. */
export function effectiveStatus(status: string, dateGmt: Date, now = Date.now()): string {
  if (status === 'publish' && dateGmt.getTime() - now > FUTURE_THRESHOLD_MS) return 'future';
  if (status === 'future' && dateGmt.getTime() <= now) return 'publish';
  return status;
}

export function sanitizeTitle(title: string): string {
  return title
    .replace(/<[^>]*>/g, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function uniqueSlug(site: WpSite, wanted: string, selfId: number): string {
  const taken = (slug: string) =>
    [...site.posts.values()].some((p) => p.id !== selfId && p.slug === slug && p.status !== 'trash');
  let slug = wanted;
  for (let n = 2; taken(slug); n += 1) slug = `${wanted}-${n}`;
  return slug;
}
