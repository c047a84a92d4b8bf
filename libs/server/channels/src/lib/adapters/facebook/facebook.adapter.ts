import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import type {
  AdapterContext,
  ChannelAdapter,
  ChannelCapabilities,
  IncomingMention,
  PublishRequest,
  PublishResult,
  VerifiedAccount,
} from '../../channel-adapter';
import { AuthError, InvalidContentError } from '../../channel-errors';
import { GraphClient } from './graph-client';

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

interface Paged<T> {
  data: T[];
  paging?: { next?: string };
}

const COMMENT_FIELDS = 'id,message,created_time,from,parent,permalink_url';
const POSTS_SCANNED = 25;

/** A Facebook Page over the Graph API (plain HTTP at FACEBOOK_GRAPH_BASE_URL). */
@Injectable()
export class FacebookAdapter implements ChannelAdapter {
  readonly kind = 'facebook_page' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: true,
    metrics: false,
    findRecent: false,
    maxImages: 1,
  };

  private readonly graph: GraphClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.graph = new GraphClient(config.platforms.facebookGraphBaseUrl);
  }

  /**
   * From a user token, the page (settings.pageId) and its page token. Refuses a page the user
   * does not manage, or one where they may not create content.
   */
  async verifyCredentials(ctx: Pick<AdapterContext, 'credentials' | 'settings'>): Promise<VerifiedAccount> {
    const userToken = ctx.credentials['userAccessToken'];
    if (!userToken) throw new AuthError('Sign in with Facebook first: no user token was given.');
    const pages = await this.graph.call<Paged<Page>>({
      method: 'GET',
      path: '/me/accounts',
      token: userToken,
    });
    const wanted = typeof ctx.settings['pageId'] === 'string' ? ctx.settings['pageId'] : null;
    const page = wanted ? pages.data.find((p) => p.id === wanted) : pages.data[0];
    if (!page) throw new AuthError('This Facebook account does not manage that page.');
    if (page.tasks && !page.tasks.includes('CREATE_CONTENT')) {
      throw new AuthError(`Your role on "${page.name}" does not allow creating posts (CREATE_CONTENT).`);
    }
    return {
      externalAccountId: page.id,
      displayName: page.name,
      credentials: { pageAccessToken: page.access_token },
    };
  }

  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    const images = request.images ?? [];
    if (images.length > this.capabilities.maxImages) {
      throw new InvalidContentError(
        `Carecast posts at most ${this.capabilities.maxImages} image to a Facebook Page for now.`,
      );
    }
    const token = this.token(ctx);
    if (images.length) {
      const form = new FormData();
      form.set('source', new Blob([images[0].bytes], { type: images[0].mimeType }), 'image');
      const result = await this.graph.call<{ id: string; post_id?: string }>({
        method: 'POST',
        path: `/${ctx.externalAccountId}/photos`,
        token,
        form,
        params: {
          caption: request.link ? `${request.text}\n${request.link}` : request.text,
          alt_text_custom: images[0].altText,
        },
      });
      const id = result.post_id ?? result.id;
      return { externalId: id, url: `https://www.facebook.com/${id}` };
    }
    const result = await this.graph.call<{ id: string }>({
      method: 'POST',
      path: `/${ctx.externalAccountId}/feed`,
      token,
      params: { message: request.text, ...(request.link ? { link: request.link } : {}) },
    });
    return { externalId: result.id, url: `https://www.facebook.com/${result.id}` };
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.graph.call({ method: 'DELETE', path: `/${externalId}`, token: this.token(ctx) });
  }

  /** Comments on the page's recent posts newer than the cursor (an ISO time); the cursor moves to the newest. */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const token = this.token(ctx);
    const since = cursor ? new Date(cursor) : null;
    const posts = await this.graph.call<Paged<{ id: string }>>({
      method: 'GET',
      path: `/${ctx.externalAccountId}/feed`,
      token,
      params: { limit: String(POSTS_SCANNED), fields: 'id' },
    });
    const mentions: IncomingMention[] = [];
    for (const post of posts.data) {
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

  private token(ctx: Pick<AdapterContext, 'credentials'>): string {
    const token = ctx.credentials['pageAccessToken'];
    if (!token) throw new AuthError('No page token is stored for this channel: reconnect the page.');
    return token;
  }
}
