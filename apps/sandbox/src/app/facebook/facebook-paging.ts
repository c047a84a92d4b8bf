import type { Request } from 'express';
import { graphErrors } from './facebook-errors';
import { endpointUrl, param } from './facebook-request';

const encode = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export interface Paged<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

function limitOf(req: Request): number {
  const raw = param(req, 'limit');
  if (raw === undefined) return 25;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0)
    throw graphErrors.invalidParam('(#100) The parameter limit must be a non-negative integer');
  return Math.min(limit, 100);
}

function windowOf(ids: string[], req: Request, limit: number): [number, number] {
  const after = param(req, 'after');
  const before = param(req, 'before');
  if (after !== undefined) {
    const start = ids.indexOf(decode(after)) + 1;
    if (start === 0) throw graphErrors.invalidParam('(#100) The after cursor is invalid');
    return [start, Math.min(ids.length, start + limit)];
  }
  if (before !== undefined) {
    const end = ids.indexOf(decode(before));
    if (end === -1) throw graphErrors.invalidParam('(#100) The before cursor is invalid');
    return [Math.max(0, end - limit), end];
  }
  return [0, Math.min(ids.length, limit)];
}

function pageQuery(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== 'after' && key !== 'before' && typeof value === 'string') query[key] = value;
  }
  return query;
}

/** Cursor pagination as the Graph API does it: opaque cursors, absolute `next`/`previous` URLs. */
export function paginate<T extends { id: string }, V>(
  req: Request,
  items: T[],
  view: (item: T) => V,
): Paged<V> {
  const limit = limitOf(req);
  const ids = items.map((item) => item.id);
  const [start, end] = windowOf(ids, req, limit);
  const slice = items.slice(start, end);
  if (slice.length === 0) return { data: [] };
  const before = encode(slice[0].id);
  const after = encode(slice[slice.length - 1].id);
  const query = { ...pageQuery(req), limit: String(limit) };
  return {
    data: slice.map(view),
    paging: {
      cursors: { before, after },
      ...(end < items.length ? { next: endpointUrl(req, { ...query, after }) } : {}),
      ...(start > 0 ? { previous: endpointUrl(req, { ...query, before }) } : {}),
    },
  };
}
