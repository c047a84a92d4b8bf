import { Agent as HttpAgent } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { TwitterApi, type ITwitterApiClientPlugin, type TweetV2PostTweetResult } from 'twitter-api-v2';
import twitterText from 'twitter-text';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { Clock } from '@carecast/server/core';
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
import { xError } from './x-errors';

const MAX_WEIGHTED_LENGTH = 280;
const MENTION_FIELDS = [
  'created_at',
  'author_id',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
] as const;

/** X (Twitter) through twitter-api-v2, on OAuth 2.0 user tokens; the API host is configurable. */
@Injectable()
export class XAdapter implements ChannelAdapter {
  readonly kind = 'x_account' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: false,
    metrics: false,
    findRecent: false,
    maxImages: 4,
  };

  private readonly base: URL;
  private readonly agent = new HttpAgent({ keepAlive: true });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.base = new URL(config.platforms.xApiBaseUrl);
  }

  /** X counts URLs as 23 and most CJK and emoji as 2 (twitter-text implements the weighting). */
  static weightedLength(text: string): number {
    return twitterText.parseTweet(text).weightedLength;
  }

  async verifyCredentials(ctx: Pick<AdapterContext, 'credentials' | 'settings'>): Promise<VerifiedAccount> {
    const me = await this.call(false, () => this.client(ctx).v2.me());
    return {
      externalAccountId: me.data.id,
      displayName: `@${me.data.username}`,
      credentials: ctx.credentials,
    };
  }

  async publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult> {
    const text =
      request.link && !request.text.includes(request.link) ? `${request.text} ${request.link}` : request.text;
    const length = XAdapter.weightedLength(text);
    if (length > MAX_WEIGHTED_LENGTH) {
      throw new InvalidContentError(
        `The X text is ${length} characters long; X allows ${MAX_WEIGHTED_LENGTH} (links count 23).`,
      );
    }
    const images = request.images ?? [];
    if (images.length > this.capabilities.maxImages) {
      throw new InvalidContentError(`X takes at most ${this.capabilities.maxImages} images per post.`);
    }
    const client = this.client(ctx);
    const mediaIds: string[] = [];
    for (const image of images) {
      const id = await this.call(true, () =>
        client.v2.uploadMedia(image.bytes, { media_type: image.mimeType as 'image/png' }),
      );
      await this.call(true, () =>
        client.v2.createMediaMetadata(id, { alt_text: { text: image.altText.slice(0, 1000) } }),
      );
      mediaIds.push(id);
    }
    const result = await this.call(true, () =>
      client.v2.tweet({
        text,
        ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
        ...(request.replyToExternalId ? { reply: { in_reply_to_tweet_id: request.replyToExternalId } } : {}),
      }),
    );
    return this.published(ctx, result);
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.call(true, () => this.client(ctx).v2.deleteTweet(externalId));
  }

  /** Mentions newer than the cursor (a tweet id), all pages; the new cursor is the newest id seen. */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const client = this.client(ctx);
    const timeline = await this.call(false, () =>
      client.v2.userMentionTimeline(ctx.externalAccountId, {
        max_results: 100,
        ...(cursor ? { since_id: cursor } : {}),
        expansions: ['author_id'],
        'tweet.fields': [...MENTION_FIELDS],
        'user.fields': ['username', 'name'],
      }),
    );
    // fetchLast repeats the first query when there is no next page: only page when there is one.
    if (!timeline.done) await this.call(false, () => timeline.fetchLast(800));
    const users = new Map((timeline.includes.users ?? []).map((u) => [u.id, u]));
    const mentions = timeline.tweets.map((t): IncomingMention => {
      const author = t.author_id ? users.get(t.author_id) : undefined;
      const replyTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
      return {
        externalId: t.id,
        text: t.text,
        authorId: t.author_id ?? 'unknown',
        authorName: author ? `@${author.username}` : 'unknown',
        createdAt: t.created_at ? new Date(t.created_at) : this.clock.now(),
        conversationId: t.conversation_id ?? null,
        inReplyToExternalId: replyTo,
        url: author ? `https://x.com/${author.username}/status/${t.id}` : null,
      };
    });
    const newest =
      timeline.meta.newest_id ??
      mentions.reduce<string | null>(
        (max, m) => (max === null || BigInt(m.externalId) > BigInt(max) ? m.externalId : max),
        null,
      );
    return { mentions, cursor: newest ?? cursor };
  }

  reply(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult> {
    return this.publish(ctx, { text, replyToExternalId: toExternalId });
  }

  private published(ctx: AdapterContext, result: TweetV2PostTweetResult): PublishResult {
    const username = typeof ctx.settings['username'] === 'string' ? ctx.settings['username'] : null;
    return {
      externalId: result.data.id,
      url: username ? `https://x.com/${username}/status/${result.data.id}` : null,
    };
  }

  /** Run a call; `writes` says whether a dropped connection leaves the outcome unknown. */
  private async call<T>(writes: boolean, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw xError(err, writes, () => this.clock.now().getTime());
    }
  }

  private client(ctx: Pick<AdapterContext, 'credentials'>): TwitterApi {
    const token = ctx.credentials['accessToken'];
    if (!token) throw new AuthError('No X access token is stored for this channel: reconnect the account.');
    // Over plain http (the local sandbox) the client needs an http agent; over https its default works.
    return new TwitterApi(token, {
      plugins: [this.redirect()],
      ...(this.base.protocol === 'http:' ? { httpAgent: this.agent } : {}),
    });
  }

  /** twitter-api-v2 has fixed hosts: send every request to the configured base URL instead. */
  private redirect(): ITwitterApiClientPlugin {
    const base = this.base;
    return {
      onBeforeRequest({ computedParams }) {
        computedParams.url.protocol = base.protocol;
        computedParams.url.hostname = base.hostname;
        computedParams.url.port = base.port;
      },
    };
  }
}
