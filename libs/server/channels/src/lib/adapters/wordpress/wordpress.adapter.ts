import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock } from '@carecast/server/core';
import type {
  AdapterContext,
  ChannelAdapter,
  ChannelCapabilities,
  IncomingMention,
  MentionBatch,
  MentionStatus,
  MentionStatusChange,
  PublishRequest,
  PublishResult,
  RecentPost,
  VerifiedAccount,
} from '../../channel-adapter';
import {
  AuthError,
  ChannelError,
  DuplicateError,
  InvalidContentError,
  RetryableError,
  UnknownOutcomeError,
} from '../../channel-errors';
import { SiteAddressPolicy } from './site-address-policy';
import { type SiteFetchOptions, UNREACHABLE_SITE, fetchWordPressSite } from './wordpress-site-fetch';
import { decodeEntities, escapeHtml, paragraphs, plainText } from './wordpress-text';

export { paragraphs } from './wordpress-text';
export { SiteMovedError, UNREACHABLE_SITE } from './wordpress-site-fetch';

interface WpTerm {
  id: number;
  name: string;
}

interface WpPostSummary {
  id: number;
  link?: string;
  date_gmt: string;
  title?: { raw?: string; rendered?: string };
}

interface WpComment {
  id: number;
  post: number;
  parent: number;
  author: number;
  author_name: string;
  date_gmt: string;
  content: { raw?: string; rendered: string };
  link?: string;
  status: string;
}

type Json = Record<string, unknown>;

/** A JSON answer as an object: anything else (null, a list, a string) reads as an empty one. */
const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isText = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isRendered = (v: unknown) =>
  optional(v, (t) => {
    const o = asObject(t);
    return typeof t === 'object' && optional(o['raw'], isText) && optional(o['rendered'], isText);
  });

const isTerm = (v: unknown): v is WpTerm => isId(asObject(v)['id']) && isText(asObject(v)['name']);

const isPostSummary = (v: unknown): v is WpPostSummary => {
  const p = asObject(v);
  return isId(p['id']) && isText(p['date_gmt']) && optional(p['link'], isText) && isRendered(p['title']);
};

const isComment = (v: unknown): v is WpComment => {
  const c = asObject(v);
  const content = asObject(c['content']);
  return (
    isId(c['id']) &&
    isId(c['post']) &&
    isId(c['parent']) &&
    isId(c['author']) &&
    isText(c['author_name']) &&
    isText(c['date_gmt']) &&
    isText(c['status']) &&
    optional(c['link'], isText) &&
    isText(content['rendered']) &&
    optional(content['raw'], isText)
  );
};

/** A list the site answered, every item checked; anything else is a site fault, worth retrying. */
function listOf<T>(body: unknown, isItem: (v: unknown) => v is T, what: string): T[] {
  if (Array.isArray(body) && body.every(isItem)) return body;
  throw new RetryableError(
    `The WordPress site answered with something other than a list of ${what}.`,
    null,
    JSON.stringify(body)?.slice(0, 200) ?? null,
  );
}

/** What a write created, by its id: the request was sent, so without an id the outcome is unknown. */
function created(body: unknown, what: string): { id: number; link: string | null } {
  const o = asObject(body);
  if (Number.isInteger(o['id']) && (o['id'] as number) > 0)
    return { id: o['id'] as number, link: isText(o['link']) ? o['link'] : null };
  throw new UnknownOutcomeError(
    `WordPress answered without the id of the ${what}: it may or may not have been created.`,
    JSON.stringify(body)?.slice(0, 200) ?? null,
  );
}

/** A moderation status; an unknown word (or a hostile one) reads as `fallback`. */
const statusOf = (value: unknown, fallback: MentionStatus): MentionStatus =>
  isText(value) && Object.hasOwn(STATUS, value) ? STATUS[value] : fallback;

/** A WordPress REST error code: the answer is WordPress's own refusal, not some other service's. */
const wordPressCode = (body: unknown): string | null => {
  const code = asObject(body)['code'];
  return isText(code) && /^[a-z][a-z0-9_]*$/.test(code) ? code : null;
};

/** Where the mention poll stands: the highest comment id seen, and the comments still held. */
interface MentionCursor {
  lastId: number | null;
  /** Cursors of earlier versions were the ISO time of the newest comment seen. */
  since: Date | null;
  /** `post:comment` ids of the comments still held for moderation. */
  held: string[];
}

/** Held comments re-read on each poll, oldest dropped beyond this. */
const MAX_HELD = 1000;

const STATUS: Record<string, MentionStatus> = {
  approved: 'approved',
  hold: 'held',
  spam: 'spam',
  trash: 'trash',
};

type ApiStyle = 'pretty' | 'plain';

interface RawAnswer {
  ok: boolean;
  status: number;
  body: unknown;
  headers: Headers;
}

function wpError(status: number, answer: unknown, headers: Headers): ChannelError {
  const body = asObject(answer);
  const message = isText(body['message']) ? body['message'] : `HTTP ${status}`;
  const code = wordPressCode(answer);
  if (status === 401)
    return new AuthError(
      'WordPress refused the username or application password: reconnect the blog.',
      message,
    );
  if (code === 'rest_forbidden_context' || code === 'rest_forbidden_param')
    return new AuthError(
      'This WordPress user may not moderate comments: connect an account with the Editor role or higher.',
      message,
    );
  if (status === 403)
    return new AuthError(
      'This WordPress user may not publish posts: use an account with the Author role or higher.',
      message,
    );
  if (status === 409 || code === 'comment_duplicate')
    return new DuplicateError('WordPress already has this exact comment.', message);
  if (status === 429) {
    const after = Number(headers.get('retry-after'));
    return new RetryableError(
      'WordPress asked to slow down.',
      Number.isFinite(after) && after > 0 ? after * 1000 : 60_000,
      message,
    );
  }
  if (status >= 500) return new RetryableError(`The WordPress site answered ${status}.`, null, message);
  const given = asObject(asObject(body['data'])['params']);
  const params = Object.keys(given).length
    ? ` (${Object.entries(given)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('; ')})`
    : '';
  return new InvalidContentError(`WordPress refused the post: ${message}${params}`, message);
}

const wpDate = (d: string) => new Date(d.endsWith('Z') ? d : `${d}Z`);

function parseCursor(cursor: string | null): MentionCursor {
  const empty: MentionCursor = { lastId: null, since: null, held: [] };
  if (!cursor) return empty;
  if (!cursor.startsWith('{')) {
    const since = new Date(cursor);
    return Number.isNaN(since.getTime()) ? empty : { ...empty, since };
  }
  try {
    const parsed = JSON.parse(cursor) as { lastId?: unknown; held?: unknown };
    return {
      lastId: Number.isInteger(parsed.lastId) ? (parsed.lastId as number) : null,
      since: null,
      held: Array.isArray(parsed.held)
        ? parsed.held.filter((id): id is string => typeof id === 'string' && /^\d+:\d+$/.test(id))
        : [],
    };
  } catch {
    return empty;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The practice's own WordPress blog, over its REST API with an Application Password. The site
 * address is an administrator's input: only public addresses are fetched (see
 * `SiteAddressPolicy`), and every failure to find a WordPress site there reads the same.
 */
@Injectable()
export class WordPressAdapter implements ChannelAdapter {
  readonly kind = 'wordpress_blog' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: false,
    metrics: false,
    findRecent: true,
    maxImages: 1,
  };
  private readonly policy: SiteAddressPolicy;
  /** Sites whose REST API answers only as `?rest_route=` (plain permalinks). */
  private readonly apiStyles = new Map<string, ApiStyle>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.policy = new SiteAddressPolicy(config.platforms.wordpressAllowedPrivateHosts);
  }

  /**
   * The site answers the REST API, the application password is accepted, and the account may
   * publish and moderate comments. The site is found first, following redirects to its current
   * address (which is what is stored); after that, whatever goes wrong reads as the one generic
   * answer, except WordPress's own refusal of the account: the address must not tell closed ports,
   * other services and other sites apart.
   */
  async verifyCredentials(ctx: Pick<AdapterContext, 'credentials' | 'settings'>): Promise<VerifiedAccount> {
    const found = await this.findSite(this.siteUrl(ctx));
    const atSite = { ...ctx, settings: { ...ctx.settings, siteUrl: found.site } };
    const checks: Array<[string, string]> = [
      [
        '/wp/v2/posts?context=edit&per_page=1',
        'This WordPress user may not publish posts: use an Editor or Administrator account.',
      ],
      [
        '/wp/v2/comments?context=edit&per_page=1',
        'This WordPress user may not moderate comments: use an Editor or Administrator account.',
      ],
    ];
    for (const [route, forbidden] of checks) {
      let answer: RawAnswer;
      try {
        answer = await this.request(atSite, 'GET', route);
      } catch (err) {
        if (err instanceof AuthError) throw err; // no credentials to send: said as it is
        if (err instanceof ChannelError) throw unreachable(err.platformMessage ?? err.message);
        throw err;
      }
      if (answer.ok) continue;
      const code = wordPressCode(answer.body);
      if (code && answer.status === 401)
        throw new AuthError('WordPress refused the username or application password.', code);
      if (code && answer.status === 403) throw new AuthError(forbidden, code);
      throw unreachable(`${route}: HTTP ${answer.status}${code ? ` ${code}` : ''}`);
    }
    return {
      externalAccountId: found.site,
      displayName: found.name ?? new URL(found.site).host,
      credentials: ctx.credentials,
      settings: { siteUrl: found.site },
    };
  }

  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    const images = request.images ?? [];
    if (images.length > this.capabilities.maxImages) {
      throw new InvalidContentError('A blog post carries one featured image.');
    }
    let featured: number | undefined;
    if (images.length) {
      const media = created(
        await this.call(ctx, 'POST', '/wp/v2/media', images[0].bytes, {
          'content-type': images[0].mimeType,
          'content-disposition': `attachment; filename="image.${images[0].mimeType.split('/')[1] ?? 'bin'}"`,
        }),
        'image',
      );
      await this.call(ctx, 'POST', `/wp/v2/media/${media.id}`, { alt_text: images[0].altText });
      featured = media.id;
    }
    const categories = await this.termIds(ctx, 'categories', request.categories ?? []);
    const tags = await this.termIds(ctx, 'tags', request.tags ?? []);
    const body = request.link ? `${request.text}\n\n${request.link}` : request.text;
    const post = created(
      await this.call(ctx, 'POST', '/wp/v2/posts', {
        // The connected account may post raw HTML: titles are text, escaped like the body.
        title: escapeHtml(request.title ?? body.split('\n')[0].slice(0, 120)),
        content: paragraphs(body),
        status: 'publish',
        ...(featured ? { featured_media: featured } : {}),
        ...(categories.length ? { categories } : {}),
        ...(tags.length ? { tags } : {}),
      }),
      'post',
    );
    return { externalId: String(post.id), url: post.link };
  }

  /** The site's posts dated after a moment, newest first: did an unconfirmed post go out? */
  async findRecent(ctx: AdapterContext, since: Date): Promise<RecentPost[]> {
    const found: RecentPost[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        after: new Date(since.getTime() - 1000).toISOString(),
        status: 'publish,future',
        context: 'edit',
        per_page: '100',
        page: String(page),
      });
      const answer = await this.callWithHeaders(ctx, 'GET', `/wp/v2/posts?${query}`);
      const posts = listOf(answer.body, isPostSummary, 'posts');
      for (const p of posts) {
        found.push({
          externalId: String(p.id),
          text: p.title?.raw !== undefined ? decodeEntities(p.title.raw) : plainText(p.title?.rendered ?? ''),
          url: p.link ?? null,
          createdAt: wpDate(p.date_gmt),
        });
      }
      if (lastPage(page, posts, answer.headers)) break;
    }
    return found;
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.call(ctx, 'DELETE', `/wp/v2/posts/${encodeURIComponent(externalId)}`);
  }

  /**
   * Visitors' comments newer than the cursor, held ones included (WordPress holds a first-time
   * commenter's comment for moderation), as the author wrote them; the connected account's own
   * comments (the practice's replies) are left out. Ids are `post:comment`. WordPress does not
   * date moderation, so every held comment is read again on each poll until it is approved,
   * marked as spam, trashed or deleted; each change comes back in `statusChanges`.
   */
  async fetchMentions(ctx: AdapterContext, cursor: string | null): Promise<MentionBatch> {
    const state = parseCursor(cursor);
    const me = asObject(await this.call(ctx, 'GET', '/wp/v2/users/me'));
    if (!isId(me['id']))
      throw new RetryableError('The WordPress site did not say who the connected user is.', null, 'users/me');
    const fresh = new Map<number, WpComment>();
    let lastId = state.lastId ?? 0;
    // Comment ids only grow: newest first, until the last one seen.
    pages: for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        context: 'edit',
        status: 'all',
        orderby: 'id',
        order: 'desc',
        per_page: '100',
        page: String(page),
      });
      const answer = await this.callWithHeaders(ctx, 'GET', `/wp/v2/comments?${query}`);
      const listed = listOf(answer.body, isComment, 'comments');
      for (const c of listed) {
        if (state.lastId !== null && c.id <= state.lastId) break pages;
        lastId = Math.max(lastId, c.id);
        if (state.since && wpDate(c.date_gmt) <= state.since) continue;
        if (c.author !== me['id']) fresh.set(c.id, c);
      }
      if (lastPage(page, listed, answer.headers)) break;
    }
    const comments = [...fresh.values()].sort((a, b) => a.id - b.id);
    const statusChanges = await this.moderationChanges(ctx, state.held);
    const settled = new Set(statusChanges.map((s) => s.externalId));
    const stillHeld = [
      ...state.held.filter((id) => !settled.has(id)),
      ...comments.filter((c) => c.status === 'hold').map((c) => `${c.post}:${c.id}`),
    ].slice(-MAX_HELD);
    return {
      mentions: comments.map((c) => this.mention(c)),
      cursor: JSON.stringify({ lastId: lastId || null, held: stillHeld }),
      statusChanges,
    };
  }

  async reply(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult> {
    const [post, parent] = toExternalId.includes(':') ? toExternalId.split(':') : [toExternalId, '0'];
    const comment = created(
      await this.call(ctx, 'POST', '/wp/v2/comments', {
        post: Number(post),
        parent: Number(parent),
        content: paragraphs(text),
      }),
      'reply',
    );
    return { externalId: `${post}:${comment.id}`, url: comment.link };
  }

  private mention(c: WpComment): IncomingMention {
    return {
      externalId: `${c.post}:${c.id}`,
      // The raw text, not the rendered one (curly quotes, `&#038;`).
      text: plainText(c.content.raw ?? c.content.rendered),
      authorId: String(c.author || decodeEntities(c.author_name)),
      authorName: decodeEntities(c.author_name),
      createdAt: wpDate(c.date_gmt),
      conversationId: String(c.post),
      inReplyToExternalId: c.parent ? `${c.post}:${c.parent}` : String(c.post),
      url: c.link ?? null,
      status: statusOf(c.status, 'held'),
    };
  }

  /** Held comments of earlier polls that are no longer held. */
  private async moderationChanges(ctx: AdapterContext, held: string[]): Promise<MentionStatusChange[]> {
    const changes: MentionStatusChange[] = [];
    const observedAt = this.clock.now();
    for (const externalIds of chunks(held, 100)) {
      const ids = externalIds.map((e) => e.split(':')[1]);
      const query = new URLSearchParams({
        context: 'edit',
        status: 'all',
        include: ids.join(','),
        per_page: '100',
      });
      const listed = listOf(await this.call(ctx, 'GET', `/wp/v2/comments?${query}`), isComment, 'comments');
      const byId = new Map(listed.map((c) => [String(c.id), c]));
      for (const [i, id] of ids.entries()) {
        const externalId = externalIds[i];
        let status: MentionStatus;
        const comment = byId.get(id);
        if (comment) {
          status = statusOf(comment.status, 'held');
        } else {
          // Neither held nor approved any more: spam, trash, or deleted.
          const one = await this.request(ctx, 'GET', `/wp/v2/comments/${id}?context=edit`);
          if (one.status === 404) status = 'deleted';
          else if (!one.ok) throw wpError(one.status, one.body, one.headers);
          else status = statusOf(asObject(one.body)['status'], 'trash');
        }
        if (status !== 'held') changes.push({ externalId, status, observedAt });
      }
    }
    return changes;
  }

  /** The ids of categories or tags by name, creating the ones the site does not have yet. */
  private async termIds(
    ctx: AdapterContext,
    taxonomy: 'categories' | 'tags',
    names: string[],
  ): Promise<number[]> {
    const wanted = [
      ...new Map(
        names
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => [n.toLowerCase(), n]),
      ).values(),
    ];
    const ids: number[] = [];
    for (const name of wanted) {
      // WordPress stores names HTML-escaped ("Flu &amp; colds") and searches the stored text.
      const query = new URLSearchParams({ search: name, per_page: '100' });
      const found = listOf(await this.call(ctx, 'GET', `/wp/v2/${taxonomy}?${query}`), isTerm, taxonomy);
      let id = found.find((t) => decodeEntities(t.name).toLowerCase() === name.toLowerCase())?.id;
      if (id === undefined) {
        const answer = await this.request(ctx, 'POST', `/wp/v2/${taxonomy}`, { name });
        const existing = asObject(asObject(answer.body)['data'])['term_id'];
        if (answer.ok) id = created(answer.body, taxonomy === 'tags' ? 'tag' : 'category').id;
        else if (
          wordPressCode(answer.body) === 'term_exists' &&
          (isId(existing) || (isText(existing) && /^\d{1,15}$/.test(existing)))
        )
          id = Number(existing);
        else throw wpError(answer.status, answer.body, answer.headers);
      }
      ids.push(id);
    }
    return ids;
  }

  private siteUrl(ctx: Pick<AdapterContext, 'settings'>): string {
    const site = ctx.settings['siteUrl'];
    if (typeof site !== 'string' || !/^https?:\/\/[^/]/i.test(site))
      throw new InvalidContentError('Enter the address of the WordPress site, starting with https://.');
    try {
      new URL(site);
    } catch {
      throw new InvalidContentError('Enter the address of the WordPress site, starting with https://.');
    }
    return site.replace(/\/+$/, '');
  }

  /**
   * The REST API index, at `/wp-json/` or, on a site with plain permalinks, `?rest_route=/`,
   * following redirects to other origins (an http:// address forced to https://, a moved
   * domain): the site's address is where the index was found. Whatever keeps it from answering
   * (a refused address, nothing listening, another service) gives the same answer.
   */
  private async findSite(typed: string): Promise<{ site: string; name: string | null }> {
    let problem = 'no WordPress REST API index';
    for (const style of ['pretty', 'plain'] as const) {
      try {
        const { response, url } = await this.fetch(
          this.restUrl(typed, '/', style),
          { method: 'GET', headers: { accept: 'application/json' } },
          { followToOtherOrigins: true },
        );
        const info = asObject(await response.json().catch(() => null));
        const namespaces = info['namespaces'];
        if (response.ok && Array.isArray(namespaces) && namespaces.includes('wp/v2')) {
          const site = siteAddress(url, style, typed);
          this.apiStyles.set(site, style);
          const name = info['name'];
          return { site, name: isText(name) && name.trim() ? decodeEntities(name) : null };
        }
      } catch (err) {
        if (!(err instanceof ChannelError)) throw err;
        problem = err.platformMessage ?? err.message;
      }
    }
    throw unreachable(problem);
  }

  private restUrl(site: string, route: string, style: ApiStyle): string {
    if (style === 'pretty') return `${site}/wp-json${route}`;
    const [path, query] = route.split('?');
    return `${site}/?rest_route=${encodeURIComponent(path)}${query ? `&${query}` : ''}`;
  }

  private fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array | string },
    options?: SiteFetchOptions,
  ) {
    return fetchWordPressSite(this.policy, url, init, options);
  }

  private async call(
    ctx: Pick<AdapterContext, 'credentials' | 'settings'>,
    method: string,
    route: string,
    body?: object | Buffer,
    headers?: Record<string, string>,
  ): Promise<unknown> {
    return (await this.callWithHeaders(ctx, method, route, body, headers)).body;
  }

  private async callWithHeaders(
    ctx: Pick<AdapterContext, 'credentials' | 'settings'>,
    method: string,
    route: string,
    body?: object | Buffer,
    headers: Record<string, string> = {},
  ): Promise<{ body: unknown; headers: Headers }> {
    const answer = await this.request(ctx, method, route, body, headers);
    if (!answer.ok) throw wpError(answer.status, answer.body, answer.headers);
    return answer;
  }

  /** One REST request; the answer as it came, errors included. */
  private async request(
    ctx: Pick<AdapterContext, 'credentials' | 'settings'>,
    method: string,
    route: string,
    body?: object | Buffer,
    headers: Record<string, string> = {},
  ): Promise<RawAnswer> {
    const { username, applicationPassword } = ctx.credentials;
    if (
      typeof username !== 'string' ||
      typeof applicationPassword !== 'string' ||
      !username ||
      !applicationPassword
    )
      throw new AuthError('No WordPress application password is stored: reconnect the blog.');
    const site = this.siteUrl(ctx);
    // Spaces in a displayed application password are not part of it.
    const auth = Buffer.from(`${username}:${applicationPassword.replace(/\s+/g, '')}`).toString('base64');
    const isBytes = Buffer.isBuffer(body);
    const init = {
      method,
      headers: {
        authorization: `Basic ${auth}`,
        accept: 'application/json',
        ...(body && !isBytes ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isBytes ? new Uint8Array(body) : JSON.stringify(body),
    };
    const style = this.apiStyles.get(site) ?? 'pretty';
    let res = (await this.fetch(this.restUrl(site, route, style), init)).response;
    if (res.status === 404 && style === 'pretty' && !isJson(res)) {
      // No /wp-json/ on this server (plain permalinks): WordPress still answers ?rest_route=.
      const plain = (await this.fetch(this.restUrl(site, route, 'plain'), init)).response;
      if (isJson(plain)) {
        this.apiStyles.set(site, 'plain');
        res = plain;
      }
    }
    const json: unknown = await res.json().catch(() => ({}));
    return { ok: res.ok, status: res.status, body: json, headers: res.headers };
  }
}

/** The generic answer at connect, the cause kept for the record. */
const unreachable = (cause: string) => new InvalidContentError(UNREACHABLE_SITE, cause);

/** The last page of a list: fewer than WordPress's count, or an empty page (never loops on a bad count). */
const lastPage = (page: number, items: unknown[], headers: Headers) =>
  !items.length || !(page < Number(headers.get('x-wp-totalpages') ?? '1'));

/**
 * The site's address from where its REST API index was found: `<site>/wp-json/` or
 * `<site>/?rest_route=/`; an index found elsewhere keeps the path typed, on the origin it came from.
 */
function siteAddress(index: URL, style: ApiStyle, typed: string): string {
  const path =
    style === 'pretty' && /\/wp-json\/?$/.test(index.pathname)
      ? index.pathname.replace(/\/wp-json\/?$/, '')
      : style === 'plain' && index.searchParams.has('rest_route')
        ? index.pathname.replace(/\/(index\.php)?$/, '')
        : new URL(typed).pathname;
  return `${index.origin}${path}`.replace(/\/+$/, '');
}

const isJson = (res: Response) => /\bjson\b/i.test(res.headers.get('content-type') ?? '');
