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
  ChannelCredentials,
  IncomingMention,
  OAuthConnector,
  PostMetrics,
  PublishRequest,
  PublishResult,
  RecentPost,
  VerifiedAccount,
} from '../../channel-adapter';
import { AuthError, InvalidContentError, RetryableError } from '../../channel-errors';
import { xError } from './x-errors';

const MAX_WEIGHTED_LENGTH = 280;
const MENTION_FIELDS = [
  'created_at',
  'author_id',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
] as const;
/** Most ids one tweet lookup (`GET /2/tweets`) takes. */
const LOOKUP_BATCH = 100;
/** What Carecast asks X for: read and write posts and media, and stay connected (refresh tokens). */
const OAUTH2_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];
/** Refresh an OAuth 2.0 access token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

type CredentialsHolder = Pick<AdapterContext, 'credentials' | 'saveCredentials' | 'renewCredentials'>;

/**
 * X (Twitter) through twitter-api-v2, on OAuth 2.0 user tokens (refreshed before they expire, and
 * once more when X refuses one) or OAuth 1.0a user tokens; the API host is configurable.
 */
@Injectable()
export class XAdapter implements ChannelAdapter {
  readonly kind = 'x_account' as const;
  readonly capabilities: ChannelCapabilities = {
    mentions: true,
    reply: true,
    hide: false,
    metrics: true,
    findRecent: true,
    maxImages: 4,
  };
  readonly oauth: OAuthConnector;

  private readonly base: URL;
  private readonly agent = new HttpAgent({ keepAlive: true });
  private readonly platforms: AppConfig['platforms'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.platforms = config.platforms;
    this.base = new URL(config.platforms.xApiBaseUrl);
    this.oauth = {
      available: Boolean(config.platforms.xOAuth2),
      start: (redirectUri) => {
        const link = this.appClient().generateOAuth2AuthLink(redirectUri, { scope: OAUTH2_SCOPES });
        const url = new URL(this.oauth2App().authorizeUrl);
        url.search = new URL(link.url).search;
        return { url: url.toString(), state: link.state, secret: link.codeVerifier };
      },
      finish: async ({ code, redirectUri, secret }) => {
        try {
          const granted = await this.appClient().loginWithOAuth2({ code, codeVerifier: secret, redirectUri });
          return { credentials: this.oauth2Credentials(granted) };
        } catch (err) {
          const classified = xError(err, false, () => this.clock.now().getTime());
          if (classified instanceof RetryableError) throw classified;
          throw new AuthError(
            'X did not accept the sign-in (it expired or was already used): connect again.',
            classified.platformMessage,
          );
        }
      },
    };
  }

  /** X counts URLs as 23 and most CJK and emoji as 2 (twitter-text implements the weighting). */
  static weightedLength(text: string): number {
    return twitterText.parseTweet(text).weightedLength;
  }

  /**
   * Who the token belongs to. A pasted token X refuses is said to be refused (a connection that
   * worked before and can no longer be renewed keeps "no longer accepts this connection").
   */
  async verifyCredentials(ctx: CredentialsHolder): Promise<VerifiedAccount> {
    const me = await this.call(ctx, false, (client) => client.v2.me()).catch((err: unknown) => {
      if (!(err instanceof AuthError) || ctx.credentials['refreshToken']) throw err;
      const { oauth1Token, oauth1Secret } = ctx.credentials;
      if (oauth1Token && oauth1Secret && !this.platforms.xOAuth1) throw err;
      throw new AuthError(
        oauth1Token && oauth1Secret
          ? 'X refused this token and secret: check that you pasted the whole OAuth 1.0a access token and its secret.'
          : 'X refused this token: check that you pasted the whole access token.',
        err.platformMessage,
      );
    });
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
    const mediaIds: string[] = [];
    for (const image of images) {
      const id = await this.call(ctx, true, (client) =>
        client.v2.uploadMedia(image.bytes, { media_type: image.mimeType as 'image/png' }),
      );
      await this.call(ctx, true, (client) =>
        client.v2.createMediaMetadata(id, { alt_text: { text: image.altText.slice(0, 1000) } }),
      );
      mediaIds.push(id);
    }
    const result = await this.call(ctx, true, (client) =>
      client.v2.tweet({
        text,
        ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
        ...(request.replyToExternalId ? { reply: { in_reply_to_tweet_id: request.replyToExternalId } } : {}),
      }),
    );
    return this.published(ctx, result);
  }

  async delete(ctx: AdapterContext, externalId: string): Promise<void> {
    await this.call(ctx, true, (client) => client.v2.deleteTweet(externalId));
  }

  /** Mentions newer than the cursor (a tweet id), all pages; the new cursor is the newest id seen. */
  async fetchMentions(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }> {
    const timeline = await this.call(ctx, false, (client) =>
      client.v2.userMentionTimeline(ctx.externalAccountId, {
        max_results: 100,
        ...(cursor ? { since_id: cursor } : {}),
        expansions: ['author_id'],
        'tweet.fields': [...MENTION_FIELDS],
        'user.fields': ['username', 'name'],
      }),
    );
    // fetchLast repeats the first query when there is no next page: only page when there is one.
    if (!timeline.done) await this.call(ctx, false, () => timeline.fetchLast(800));
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

  /**
   * Likes, replies, reposts plus quotes, and impressions from the posts' `public_metrics`, looked
   * up 100 at a time; posts X no longer has (deleted, or ids that are not X's) are left out.
   */
  async fetchMetrics(ctx: AdapterContext, externalIds: string[]): Promise<PostMetrics[]> {
    const ids = [...new Set(externalIds)].filter((id) => /^\d{1,19}$/.test(id));
    const metrics: PostMetrics[] = [];
    for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
      const batch = ids.slice(start, start + LOOKUP_BATCH);
      const found = await this.call(ctx, false, (client) =>
        client.v2.tweets(batch, { 'tweet.fields': ['public_metrics'] }),
      );
      // Unknown and deleted ids come back in `errors`; `data` is absent when none was found.
      for (const tweet of found.data ?? []) {
        const counts = tweet.public_metrics;
        if (!counts) continue;
        metrics.push({
          externalId: tweet.id,
          reactions: counts.like_count,
          comments: counts.reply_count,
          shares: counts.retweet_count + counts.quote_count,
          impressions: counts.impression_count ?? null,
        });
      }
    }
    return metrics;
  }

  /** The account's own posts since a moment, newest first: did an unconfirmed post go out? */
  async findRecent(ctx: AdapterContext, since: Date): Promise<RecentPost[]> {
    const timeline = await this.call(ctx, false, (client) =>
      client.v2.userTimeline(ctx.externalAccountId, {
        max_results: 100,
        start_time: since.toISOString(),
        'tweet.fields': ['created_at'],
      }),
    );
    if (!timeline.done) await this.call(ctx, false, () => timeline.fetchLast(300));
    return timeline.tweets.map((t) => ({
      externalId: t.id,
      text: t.text,
      url: this.published(ctx, { data: { id: t.id, text: t.text } }).url,
      createdAt: t.created_at ? new Date(t.created_at) : this.clock.now(),
    }));
  }

  private published(ctx: AdapterContext, result: TweetV2PostTweetResult): PublishResult {
    const username = typeof ctx.settings['username'] === 'string' ? ctx.settings['username'] : null;
    return {
      externalId: result.data.id,
      url: username ? `https://x.com/${username}/status/${result.data.id}` : null,
    };
  }

  /**
   * Run a call with the channel's client; `writes` says whether a dropped connection leaves the
   * outcome unknown. An OAuth 2.0 token that X refuses (401: nothing was done) is refreshed once.
   */
  private async call<T>(
    ctx: CredentialsHolder,
    writes: boolean,
    fn: (client: TwitterApi) => Promise<T>,
  ): Promise<T> {
    const now = () => this.clock.now().getTime();
    if (ctx.credentials['refreshToken'] && this.expiring(ctx.credentials)) await this.refresh(ctx);
    try {
      return await fn(this.client(ctx));
    } catch (err) {
      const classified = xError(err, writes, now);
      if (!(classified instanceof AuthError) || !ctx.credentials['refreshToken']) throw classified;
      await this.refresh(ctx);
      try {
        return await fn(this.client(ctx));
      } catch (retryErr) {
        throw xError(retryErr, writes, now);
      }
    }
  }

  /**
   * Renew the pair and store it at once. X rotates both tokens and refuses a refresh token used
   * before, and several workers may hold the same stale pair: with the channel locked, the stored
   * pair is read again, and one another worker renewed meanwhile is used as it is (renewed again
   * only if it expires too), so X sees each refresh token once. Only a stored pair that X also
   * refuses ends the connection.
   */
  private async refresh(ctx: CredentialsHolder): Promise<void> {
    const held = ctx.credentials;
    if (ctx.renewCredentials) {
      ctx.credentials = await ctx.renewCredentials(async (stored) =>
        stored['refreshToken'] !== held['refreshToken'] && !this.expiring(stored)
          ? stored
          : this.renewAtX(stored['refreshToken']),
      );
      return;
    }
    const renewed = await this.renewAtX(held['refreshToken']);
    ctx.credentials = renewed;
    await ctx.saveCredentials?.(renewed);
  }

  /** Trade a refresh token for a new pair (X rotates both). */
  private async renewAtX(refreshToken: string | undefined): Promise<ChannelCredentials> {
    if (!this.platforms.xOAuth2) {
      throw new AuthError('The X access token expired and no X app (X_CLIENT_ID) is configured to renew it.');
    }
    if (!refreshToken) throw new AuthError('X no longer accepts this connection: reconnect the account.');
    try {
      return this.oauth2Credentials(await this.appClient().refreshOAuth2Token(refreshToken));
    } catch (err) {
      const classified = xError(err, false, () => this.clock.now().getTime());
      if (classified instanceof RetryableError) throw classified;
      throw new AuthError(
        'X no longer accepts this connection: reconnect the account.',
        classified.platformMessage,
      );
    }
  }

  /** Whether an OAuth 2.0 access token expires within the margin (or already has). */
  private expiring(credentials: ChannelCredentials): boolean {
    const expiresAt = Date.parse(credentials['expiresAt'] ?? '');
    return expiresAt - REFRESH_MARGIN_MS < this.clock.now().getTime();
  }

  private oauth2Credentials(granted: {
    accessToken: string;
    refreshToken?: string;
    expiresIn: number;
  }): ChannelCredentials {
    return {
      accessToken: granted.accessToken,
      ...(granted.refreshToken ? { refreshToken: granted.refreshToken } : {}),
      expiresAt: new Date(this.clock.now().getTime() + granted.expiresIn * 1000).toISOString(),
    };
  }

  private client(ctx: Pick<AdapterContext, 'credentials'>): TwitterApi {
    const { accessToken, oauth1Token, oauth1Secret } = ctx.credentials;
    if (oauth1Token && oauth1Secret) {
      const consumer = this.platforms.xOAuth1;
      if (!consumer) {
        throw new AuthError(
          'This X account uses OAuth 1.0a tokens, but X_CONSUMER_KEY and X_CONSUMER_SECRET are not configured.',
        );
      }
      return new TwitterApi(
        {
          appKey: consumer.consumerKey,
          appSecret: consumer.consumerSecret,
          accessToken: oauth1Token,
          accessSecret: oauth1Secret,
        },
        this.settings(),
      );
    }
    if (!accessToken) {
      throw new AuthError('No X access token is stored for this channel: reconnect the account.');
    }
    return new TwitterApi(accessToken, this.settings());
  }

  /** The app's own client (client id and secret), for the OAuth 2.0 code and refresh exchanges. */
  private appClient(): TwitterApi {
    const app = this.oauth2App();
    return new TwitterApi(
      { clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) },
      this.settings(),
    );
  }

  private oauth2App(): NonNullable<AppConfig['platforms']['xOAuth2']> {
    if (!this.platforms.xOAuth2) {
      throw new AuthError('Connecting with X needs X_CLIENT_ID (and X_CLIENT_SECRET) to be configured.');
    }
    return this.platforms.xOAuth2;
  }

  // Over plain http (the local sandbox) the client needs an http agent; over https its default works.
  private settings() {
    return {
      plugins: [this.redirect()],
      ...(this.base.protocol === 'http:' ? { httpAgent: this.agent } : {}),
    };
  }

  /**
   * twitter-api-v2 has fixed hosts: send every request to the configured base URL instead. It
   * also waits for an answer for ever unless a request says otherwise: every one gives up after
   * the configured time (a token renewal holds its channel's lock while it waits).
   */
  private redirect(): ITwitterApiClientPlugin {
    const base = this.base;
    const timeout = this.platforms.xRequestTimeoutMs;
    return {
      onBeforeRequest({ computedParams, requestOptions }) {
        computedParams.url.protocol = base.protocol;
        computedParams.url.hostname = base.hostname;
        computedParams.url.port = base.port;
        requestOptions.timeout = timeout;
      },
    };
  }
}
