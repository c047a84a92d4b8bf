import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type {
  AdapterContext,
  ChannelAdapter,
  ChannelCapabilities,
  IncomingMention,
  OAuthConnector,
  PostImage,
  PostMetrics,
  PublishRequest,
  PublishResult,
  RecentPost,
  VerifiedAccount,
} from '../../channel-adapter';
import { AuthError, InvalidContentError } from '../../channel-errors';
import { GraphClient, GraphObjectMissingError } from './graph-client';

interface Page {
  id: string;
  name: string;
  access_token: string;
  tasks?: string[];
}

interface GraphComment {
  id: string;
  message?: string;
  created_time: string;
  from?: { id: string; name: string };
  parent?: { id: string };
  permalink_url?: string;
}

/** A post's engagement as the metric fields answer it; `shares` is absent until someone shares it. */
interface PostCounts {
  reactions?: { summary?: { total_count?: number } };
  comments?: { summary?: { total_count?: number } };
  shares?: { count?: number };
}

interface Paged<T> {
  data: T[];
  paging?: { next?: string };
}

const COMMENT_FIELDS = 'id,message,created_time,from,parent,permalink_url';
/** Counts only (limit 0: no reaction or comment itself); comments are the visible top-level ones. */
const METRIC_FIELDS = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';
/** Posts asked for per page of the feed (Facebook answers at most 100). */
const FEED_PAGE_SIZE = '100';
/** The longest text Facebook takes for a post or a photo caption, in characters. */
export const FACEBOOK_MAX_MESSAGE_LENGTH = 63_206;
/** Publishing and moderating a page's posts and comments (platform-contracts.md, Facebook). */
const OAUTH_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_manage_engagement',
  'pages_read_user_engagement',
];
const PAGE_TASK_NEEDED = 'CREATE_CONTENT';

/** A Facebook Page over the Graph API (plain HTTP at FACEBOOK_GRAPH_BASE_URL). */
@Injectable()
export class FacebookAdapter implements ChannelAdapter {
  readonly kind = 'facebook_page' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: true,
    metrics: true,
    findRecent: true,
    maxImages: 4,
  };
  readonly oauth: OAuthConnector;

  private readonly graph: GraphClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.graph = new GraphClient(config.platforms.facebookGraphBaseUrl);
    const app = config.platforms.facebookApp;
    this.oauth = {
      available: Boolean(app),
      start: (redirectUri) => {
        const facebook = this.app(app);
        const state = randomBytes(24).toString('base64url');
        const url = new URL(facebook.dialogUrl);
        url.search = new URLSearchParams({
          client_id: facebook.appId,
          redirect_uri: redirectUri,
          state,
          response_type: 'code',
          scope: OAUTH_SCOPES.join(','),
        }).toString();
        return { url: url.toString(), state, secret: '' };
      },
      finish: async ({ code, redirectUri }) => {
        const facebook = this.app(app);
        const granted = await this.graph
          .call<{ access_token: string }>({
            method: 'GET',
            path: '/oauth/access_token',
            params: {
              client_id: facebook.appId,
              client_secret: facebook.appSecret,
              redirect_uri: redirectUri,
              code,
            },
          })
          .catch((err: unknown) => {
            if (err instanceof AuthError || err instanceof InvalidContentError) {
              throw new AuthError(
                'Facebook did not accept the sign-in (it expired or was already used): connect again.',
                err.platformMessage,
              );
            }
            throw err;
          });
        // The code grants a short-lived token (hours): trade it for a long-lived one (about 60
        // days), so the page tokens taken from it last as well.
        const longLived = await this.graph.call<{ access_token: string }>({
          method: 'GET',
          path: '/oauth/access_token',
          params: {
            grant_type: 'fb_exchange_token',
            client_id: facebook.appId,
            client_secret: facebook.appSecret,
            fb_exchange_token: granted.access_token,
          },
        });
        const pages = await this.pagesOf(longLived.access_token);
        return {
          credentials: { userAccessToken: longLived.access_token },
          choices: pages.map((page) => ({
            id: page.id,
            name: page.name,
            unavailableReason: canPost(page)
              ? null
              : `Your role on this page does not allow creating posts (${PAGE_TASK_NEEDED}).`,
            settings: { pageId: page.id },
          })),
        };
      },
    };
  }

  /**
   * From a user token, the page (settings.pageId) and its page token. Refuses a page the user
   * does not manage, or one where they may not create content.
   */
  async verifyCredentials(ctx: Pick<AdapterContext, 'credentials' | 'settings'>): Promise<VerifiedAccount> {
    const userToken = ctx.credentials['userAccessToken'];
    if (!userToken) throw new AuthError('Sign in with Facebook first: no user token was given.');
    const pages = await this.pagesOf(userToken);
    const wanted = typeof ctx.settings['pageId'] === 'string' ? ctx.settings['pageId'] : null;
    const page = wanted ? pages.find((p) => p.id === wanted) : pages[0];
    if (!page) throw new AuthError('This Facebook account does not manage that page.');
    if (!canPost(page)) {
      throw new AuthError(`Your role on "${page.name}" does not allow creating posts (${PAGE_TASK_NEEDED}).`);
    }
    return {
      externalAccountId: page.id,
      displayName: page.name,
      credentials: { pageAccessToken: page.access_token },
    };
  }

  /**
   * A feed post with its link; one image is a photo post; several are uploaded unpublished first
   * and attached to one feed post (`attached_media`), each with its alt text.
   */
  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    const images = request.images ?? [];
    if (images.length > this.capabilities.maxImages) {
      throw new InvalidContentError(`A Facebook post takes at most ${this.capabilities.maxImages} images.`);
    }
    const message = images.length === 1 && request.link ? `${request.text}\n${request.link}` : request.text;
    const length = Array.from(message).length;
    if (length > FACEBOOK_MAX_MESSAGE_LENGTH) {
      throw new InvalidContentError(
        `The Facebook text is ${length} characters long; Facebook allows ${FACEBOOK_MAX_MESSAGE_LENGTH}.`,
      );
    }
    const token = this.token(ctx);
    if (images.length === 1) {
      const result = await this.uploadPhoto(ctx, images[0], { caption: message });
      const id = result.post_id ?? result.id;
      return { externalId: id, url: `https://www.facebook.com/${id}` };
    }
    const attached: Record<string, string> = {};
    for (const [i, image] of images.entries()) {
      const photo = await this.uploadPhoto(ctx, image, { published: 'false' });
      attached[`attached_media[${i}]`] = JSON.stringify({ media_fbid: photo.id });
    }
    const result = await this.graph.call<{ id: string }>({
      method: 'POST',
      path: `/${ctx.externalAccountId}/feed`,
      token,
      params: { message: request.text, ...(request.link ? { link: request.link } : {}), ...attached },
    });
    return { externalId: result.id, url: `https://www.facebook.com/${result.id}` };
  }

  /**
   * The page's own posts since a moment, newest first: did an unconfirmed post go out? Read from
   * `published_posts`, never the feed, where visitors' posts on the page would pass for ours.
   */
  async findRecent(ctx: AdapterContext, since: Date): Promise<RecentPost[]> {
    const found: RecentPost[] = [];
    let next: string | null = `/${ctx.externalAccountId}/published_posts`;
    let params: Record<string, string> | undefined = {
      fields: 'id,message,created_time,permalink_url',
      limit: '25',
    };
    while (next) {
      const page: Paged<{ id: string; message?: string; created_time: string; permalink_url?: string }> =
        await this.graph.call({ method: 'GET', path: next, token: this.token(ctx), params });
      for (const post of page.data) {
        const createdAt = new Date(post.created_time);
        if (createdAt < since) return found; // the feed is newest first: nothing older matters
        found.push({
          externalId: post.id,
          text: post.message ?? '',
          url: post.permalink_url ?? `https://www.facebook.com/${post.id}`,
          createdAt,
        });
      }
      next = page.paging?.next ?? null;
      params = undefined;
    }
    return found;
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.graph.call({ method: 'DELETE', path: `/${externalId}`, token: this.token(ctx) });
  }

  /**
   * Comments newer than the cursor (an ISO time) on any post of the page's feed, however old the
   * post: the whole feed is paged through by cursor, and only posts commented on since the cursor
   * (`updated_time`) are read. The cursor moves to the newest comment.
   */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const token = this.token(ctx);
    const since = cursor ? new Date(cursor) : null;
    const posts: Array<{ id: string }> = [];
    let feed: string | null = `/${ctx.externalAccountId}/feed`;
    let feedParams: Record<string, string> | undefined = { limit: FEED_PAGE_SIZE, fields: 'id,updated_time' };
    while (feed) {
      const page: Paged<{ id: string; updated_time?: string }> = await this.graph.call({
        method: 'GET',
        path: feed,
        token,
        params: feedParams,
      });
      for (const post of page.data) {
        const updated = post.updated_time ? new Date(post.updated_time) : null;
        if (!since || !updated || updated >= since) posts.push(post);
      }
      feed = page.paging?.next ?? null;
      feedParams = undefined;
    }
    const mentions: IncomingMention[] = [];
    for (const post of posts) {
      let next: string | null = `/${post.id}/comments`;
      let params: Record<string, string> | undefined = {
        fields: COMMENT_FIELDS,
        limit: '100',
        filter: 'stream',
      };
      while (next) {
        const page: Paged<GraphComment> = await this.graph.call<Paged<GraphComment>>({
          method: 'GET',
          path: next,
          token,
          params,
        });
        for (const c of page.data) {
          if (c.from?.id === ctx.externalAccountId) continue; // the page's own replies
          const createdAt = new Date(c.created_time);
          if (since && createdAt <= since) continue;
          mentions.push({
            externalId: c.id,
            text: c.message ?? '',
            authorId: c.from?.id ?? 'unknown',
            authorName: c.from?.name ?? 'Facebook user',
            createdAt,
            conversationId: post.id,
            inReplyToExternalId: c.parent?.id ?? post.id,
            url: c.permalink_url ?? null,
          });
        }
        // `next` is an absolute URL carrying every parameter: follow it verbatim.
        next = page.paging?.next ?? null;
        params = undefined;
      }
    }
    const newest = mentions.reduce<Date | null>(
      (max, m) => (!max || m.createdAt > max ? m.createdAt : max),
      since,
    );
    return { mentions, cursor: newest ? newest.toISOString() : cursor };
  }

  async reply(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult> {
    const result = await this.graph.call<{ id: string }>({
      method: 'POST',
      path: `/${toExternalId}/comments`,
      token: this.token(ctx),
      params: { message: text },
    });
    return { externalId: result.id, url: null };
  }

  async hide(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.graph.call({
      method: 'POST',
      path: `/${externalId}`,
      token: this.token(ctx),
      params: { is_hidden: 'true' },
    });
  }

  /**
   * Reactions, top-level comments and shares of each post, one `GET /{post-id}` per post.
   * Impressions need page insights (another permission): null. Deleted posts are left out.
   */
  async fetchMetrics(ctx: AdapterContext, externalIds: string[]): Promise<PostMetrics[]> {
    const token = this.token(ctx);
    const metrics: PostMetrics[] = [];
    for (const id of new Set(externalIds)) {
      let counts: PostCounts;
      try {
        counts = await this.graph.call<PostCounts>({
          method: 'GET',
          path: `/${encodeURIComponent(id)}`,
          token,
          params: { fields: METRIC_FIELDS },
        });
      } catch (err) {
        if (err instanceof GraphObjectMissingError) continue;
        throw err;
      }
      metrics.push({
        externalId: id,
        reactions: counts.reactions?.summary?.total_count ?? 0,
        comments: counts.comments?.summary?.total_count ?? 0,
        shares: counts.shares?.count ?? 0,
        impressions: null,
      });
    }
    return metrics;
  }

  private uploadPhoto(ctx: AdapterContext, image: PostImage, params: Record<string, string>) {
    const form = new FormData();
    form.set('source', new Blob([image.bytes], { type: image.mimeType }), 'image');
    return this.graph.call<{ id: string; post_id?: string }>({
      method: 'POST',
      path: `/${ctx.externalAccountId}/photos`,
      token: this.token(ctx),
      form,
      params: { ...params, alt_text_custom: image.altText },
    });
  }

  private async pagesOf(userToken: string): Promise<Page[]> {
    const pages: Page[] = [];
    let next: string | null = '/me/accounts';
    while (next) {
      const page: Paged<Page> = await this.graph.call<Paged<Page>>({
        method: 'GET',
        path: next,
        token: userToken,
      });
      pages.push(...page.data);
      next = page.paging?.next ?? null;
    }
    return pages;
  }

  private app(
    app: AppConfig['platforms']['facebookApp'],
  ): NonNullable<AppConfig['platforms']['facebookApp']> {
    if (!app) throw new AuthError('Connecting with Facebook needs FACEBOOK_APP_ID and FACEBOOK_APP_SECRET.');
    return app;
  }

  private token(ctx: Pick<AdapterContext, 'credentials'>): string {
    const token = ctx.credentials['pageAccessToken'];
    if (!token) throw new AuthError('No page token is stored for this channel: reconnect the page.');
    return token;
  }
}

const canPost = (page: Page) => !page.tasks || page.tasks.includes(PAGE_TASK_NEEDED);
