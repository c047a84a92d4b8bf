import type { Request, Response } from 'express';
import { WpError } from './wordpress-errors';
import type { WpSite, WpUser } from './wordpress-state';

/** Per-request facts the handlers share: the site, who is signed in, and how URLs are spelled. */
export interface WpContext {
  site: WpSite;
  user?: WpUser;
  siteUrl: string;
  /** `true` when the request came as `?rest_route=` (plain permalinks). */
  plain: boolean;
}

export function ctx(res: Response): WpContext {
  return res.locals['wp'] as WpContext;
}

/** The URL of a REST route on this site, spelled the way the request spelled it. */
export function restUrl(c: WpContext, route: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString();
  if (c.plain) return `${c.siteUrl}/?rest_route=${route}${qs ? `&${qs}` : ''}`;
  return `${c.siteUrl}/wp-json${route}${qs ? `?${qs}` : ''}`;
}

/** HTTP Basic with an application password; spaces in the password are ignored. */
export function authenticate(site: WpSite, header: string | undefined): WpUser | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const login = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1).replace(/\s/g, '');
  const user = site.users.find((u) => u.username === login || u.email === login);
  if (!user) {
    const code = login.includes('@') ? 'invalid_email' : 'invalid_username';
    const message = login.includes('@')
      ? 'Unknown email address. Check again or try your username.'
      : 'Unknown username. Check again or try your email address.';
    throw new WpError(401, code, message);
  }
  if (!user.appPasswords.includes(password)) {
    throw new WpError(401, 'incorrect_password', 'The provided password is an invalid application password.');
  }
  return user;
}

export function field(req: Request, name: string): unknown {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return body[name] ?? (req.query as Record<string, unknown>)[name];
}

/** WordPress dates without a zone: `2026-11-27T03:51:50`. */
export function wpDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function canPublish(user: WpUser): boolean {
  return ['administrator', 'editor', 'author'].includes(user.role);
}

/** `moderate_comments`: administrators and editors. */
export function canModerate(user: WpUser): boolean {
  return user.role === 'administrator' || user.role === 'editor';
}

export function canWrite(user: WpUser): boolean {
  return user.role !== 'subscriber';
}
