import { Injectable } from '@nestjs/common';
import type {
  AdapterContext,
  ChannelAdapter,
  ChannelCapabilities,
  IncomingMention,
  PublishRequest,
  PublishResult,
  VerifiedAccount,
  RecentPost,
} from '../../channel-adapter';
import {
  AuthError,
  type ChannelError,
  DuplicateError,
  InvalidContentError,
  RetryableError,
} from '../../channel-errors';
import { platformFetch } from '../platform-fetch';

interface WpError {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string> };
}

interface WpTerm {
  id: number;
  name: string;
}

/** WordPress returns term names HTML-escaped ("Flu &amp; colds"). */
function decodeEntities(text: string): string {
  return text
    .replace(/&#0?39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
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
  content: { rendered: string };
  link?: string;
}

function wpError(status: number, body: WpError, headers: Headers): ChannelError {
  const message = body.message ?? `HTTP ${status}`;
  if (status === 401)
    return new AuthError(
      'WordPress refused the username or application password: reconnect the blog.',
      message,
    );
  if (status === 403)
    return new AuthError(
      'This WordPress user may not publish posts: use an account with the Author role or higher.',
      message,
    );
  if (status === 409 || body.code === 'comment_duplicate')
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
  const params = body.data?.params
    ? ` (${Object.entries(body.data.params)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')})`
    : '';
  return new InvalidContentError(`WordPress refused the post: ${message}${params}`, message);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text to safe HTML paragraphs: nothing a writer types can become markup or script. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#8217;/g, '’')
    .replace(/&amp;/g, '&')
    .trim();

/** The practice's own WordPress blog, over its REST API with an Application Password. */
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

  /** The site answers the REST API, and the application password is accepted. */
  async verifyCredentials(ctx: Pick<AdapterContext, 'credentials' | 'settings'>): Promise<VerifiedAccount> {
    const site = this.siteUrl(ctx);
    const index = await platformFetch('WordPress', `${site}/wp-json/`, { method: 'GET' });
    const info = (await index.json().catch(() => null)) as { name?: string; namespaces?: string[] } | null;
    if (!index.ok || !info?.namespaces?.includes('wp/v2')) {
      throw new InvalidContentError(
        `${site} does not look like a WordPress site: it has no REST API at /wp-json/.`,
      );
    }
    await this.call(ctx, 'GET', '/wp/v2/posts?context=edit&per_page=1');
    return {
      externalAccountId: site,
      displayName: info.name ?? new URL(site).host,
      credentials: ctx.credentials,
    };
  }

  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    const images = request.images ?? [];
    if (images.length > this.capabilities.maxImages) {
      throw new InvalidContentError('A blog post carries one featured image.');
    }
    let featured: number | undefined;
    if (images.length) {
      const media = await this.call<{ id: number }>(ctx, 'POST', '/wp/v2/media', images[0].bytes, {
        'content-type': images[0].mimeType,
        'content-disposition': `attachment; filename="image.${images[0].mimeType.split('/')[1] ?? 'bin'}"`,
      });
      await this.call(ctx, 'POST', `/wp/v2/media/${media.id}`, { alt_text: images[0].altText });
      featured = media.id;
    }
    const categories = await this.termIds(ctx, 'categories', request.categories ?? []);
    const tags = await this.termIds(ctx, 'tags', request.tags ?? []);
    const body = request.link ? `${request.text}\n\n${request.link}` : request.text;
    const post = await this.call<{ id: number; link: string }>(ctx, 'POST', '/wp/v2/posts', {
      title: request.title ?? body.split('\n')[0].slice(0, 120),
      content: paragraphs(body),
      status: 'publish',
      ...(featured ? { featured_media: featured } : {}),
      ...(categories.length ? { categories } : {}),
      ...(tags.length ? { tags } : {}),
    });
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
      const { body, headers } = await this.callWithHeaders<WpPostSummary[]>(
        ctx,
        'GET',
        `/wp/v2/posts?${query}`,
      );
      for (const p of body) {
        found.push({
          externalId: String(p.id),
          text: p.title?.raw ?? stripTags(p.title?.rendered ?? ''),
          url: p.link ?? null,
          createdAt: new Date(p.date_gmt.endsWith('Z') ? p.date_gmt : `${p.date_gmt}Z`),
        });
      }
      if (page >= Number(headers.get('x-wp-totalpages') ?? '1')) break;
    }
    return found;
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.call(ctx, 'DELETE', `/wp/v2/posts/${encodeURIComponent(externalId)}`);
  }

  /** Comments newer than the cursor (ISO time of the newest seen), every page. Ids are `post:comment`. */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const mentions: IncomingMention[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        per_page: '100',
        page: String(page),
        order: 'asc',
        ...(cursor ? { after: cursor } : {}),
      });
      const { body, headers } = await this.callWithHeaders<WpComment[]>(
        ctx,
        'GET',
        `/wp/v2/comments?${query}`,
      );
      for (const c of body) {
        mentions.push({
          externalId: `${c.post}:${c.id}`,
          text: stripTags(c.content.rendered),
          authorId: String(c.author || c.author_name),
          authorName: c.author_name,
          createdAt: new Date(c.date_gmt.endsWith('Z') ? c.date_gmt : `${c.date_gmt}Z`),
          conversationId: String(c.post),
          inReplyToExternalId: c.parent ? `${c.post}:${c.parent}` : String(c.post),
          url: c.link ?? null,
        });
      }
      if (page >= Number(headers.get('x-wp-totalpages') ?? '1')) break;
    }
    const newest = mentions.reduce<Date | null>(
      (max, m) => (!max || m.createdAt > max ? m.createdAt : max),
      null,
    );
    return { mentions, cursor: newest ? newest.toISOString() : cursor };
  }

  async reply(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult> {
    const [post, parent] = toExternalId.includes(':') ? toExternalId.split(':') : [toExternalId, '0'];
    const comment = await this.call<{ id: number; link?: string }>(ctx, 'POST', '/wp/v2/comments', {
      post: Number(post),
      parent: Number(parent),
      content: text,
    });
    return { externalId: `${post}:${comment.id}`, url: comment.link ?? null };
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
      const find = async () => {
        const query = new URLSearchParams({ search: name, per_page: '100' });
        const found = await this.call<WpTerm[]>(ctx, 'GET', `/wp/v2/${taxonomy}?${query}`);
        return found.find((t) => decodeEntities(t.name).toLowerCase() === name.toLowerCase())?.id;
      };
      let id = await find();
      if (id === undefined) {
        try {
          id = (await this.call<WpTerm>(ctx, 'POST', `/wp/v2/${taxonomy}`, { name })).id;
        } catch (err) {
          // Created meanwhile by someone else (`term_exists`): use that one.
          id = await find();
          if (id === undefined) throw err;
        }
      }
      ids.push(id);
    }
    return ids;
  }

  private siteUrl(ctx: Pick<AdapterContext, 'settings'>): string {
    const site = ctx.settings['siteUrl'];
    if (typeof site !== 'string' || !/^https?:\/\//.test(site))
      throw new InvalidContentError('Enter the address of the WordPress site, starting with https://.');
    return site.replace(/\/$/, '');
  }

  private async call<T>(
    ctx: Pick<AdapterContext, 'credentials' | 'settings'>,
    method: string,
    route: string,
    body?: object | Buffer,
    headers?: Record<string, string>,
  ): Promise<T> {
    return (await this.callWithHeaders<T>(ctx, method, route, body, headers)).body;
  }

  private async callWithHeaders<T>(
    ctx: Pick<AdapterContext, 'credentials' | 'settings'>,
    method: string,
    route: string,
    body?: object | Buffer,
    headers: Record<string, string> = {},
  ): Promise<{ body: T; headers: Headers }> {
    const { username, applicationPassword } = ctx.credentials;
    if (!username || !applicationPassword)
      throw new AuthError('No WordPress application password is stored: reconnect the blog.');
    // Spaces in a displayed application password are not part of it.
    const auth = Buffer.from(`${username}:${applicationPassword.replace(/\s+/g, '')}`).toString('base64');
    const isBytes = Buffer.isBuffer(body);
    const res = await platformFetch('WordPress', `${this.siteUrl(ctx)}/wp-json${route}`, {
      method,
      headers: {
        authorization: `Basic ${auth}`,
        ...(body && !isBytes ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isBytes ? new Uint8Array(body) : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & WpError;
    if (!res.ok) throw wpError(res.status, json, res.headers);
    return { body: json, headers: res.headers };
  }
}
