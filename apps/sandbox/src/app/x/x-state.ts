import { randomBytes } from 'node:crypto';
import { XFailureInjector } from './x-failures';
import { DEFAULT_RATE_LIMITS, type RateLimitRule, XRateLimiter } from './x-rate-limit';
import { XOAuthState } from './x-oauth';
import type { XAccount, XMedia, XTweet, XUser } from './x-types';

export interface XStateOptions {
  /** Overrides of the per-endpoint limits, keyed like "POST /2/tweets". */
  rateLimits?: Record<string, RateLimitRule>;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
  /** How long videos and GIFs stay "in_progress" after FINALIZE. */
  videoProcessingMs?: number;
}

export interface NewAccount {
  username: string;
  name: string;
  accessToken?: string;
  oauth1Token?: string;
  oauth1Secret?: string;
}

/** Snowflake-sized starting points, so ids look like X's and compare in time order. */
const FIRST_TWEET_ID = 1_860_000_000_000_000_000n;
const FIRST_USER_ID = 1_500_000_000_000_000_000n;

/**
 * The in-memory world of the emulated X: accounts, users, tweets (posted and mentions), uploads,
 * rate-limit windows and injected failures. It fakes an external platform, so nothing persists.
 */
export class XState {
  readonly now: () => number;
  readonly rateLimiter: XRateLimiter;
  readonly failures = new XFailureInjector();
  readonly videoProcessingMs: number;
  readonly oauth: XOAuthState;
  private accounts = new Map<string, XAccount>();
  private users = new Map<string, XUser>();
  private tweets = new Map<string, XTweet>();
  private media = new Map<string, XMedia>();
  private mentions = new Map<string, string[]>();
  private nextTweetId = FIRST_TWEET_ID;
  private nextUserId = FIRST_USER_ID;

  constructor(options: XStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.rateLimiter = new XRateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, this.now);
    this.videoProcessingMs = options.videoProcessingMs ?? 1000;
    this.oauth = new XOAuthState(this.now);
  }

  /** Every account Carecast can sign in as, in creation order. */
  listAccounts(): XAccount[] {
    return [...this.accounts.values()];
  }

  /** Creates the account, or resets an existing one of that username (same id, its data cleared). */
  upsertAccount(input: NewAccount): XAccount {
    const existing = this.findUser(input.username);
    const id = existing?.id ?? this.newUserId();
    if (existing) this.clearAccountData(id);
    const account: XAccount = {
      id,
      username: input.username.replace(/^@/, ''),
      name: input.name,
      accessToken: input.accessToken ?? randomToken(),
      oauth1Token: input.oauth1Token ?? `${id}-${randomToken()}`,
      oauth1Secret: input.oauth1Secret ?? randomToken(),
    };
    this.accounts.set(id, account);
    this.users.set(id, { id, username: account.username, name: account.name });
    return account;
  }

  /** The account of a pasted access token, or of an unexpired one issued through OAuth 2.0. */
  accountByAccessToken(token: string): XAccount | undefined {
    const issuedTo = this.oauth.accountIdOf(token);
    if (issuedTo) return this.accounts.get(issuedTo);
    return [...this.accounts.values()].find((a) => a.accessToken === token);
  }

  accountByOAuth1Token(token: string): XAccount | undefined {
    return [...this.accounts.values()].find((a) => a.oauth1Token === token);
  }

  /** An account by id or by username (with or without "@"). */
  findAccount(idOrUsername: string): XAccount | undefined {
    const user = this.findUser(idOrUsername);
    return user ? this.accounts.get(user.id) : undefined;
  }

  findUser(idOrUsername: string): XUser | undefined {
    const byId = this.users.get(idOrUsername);
    if (byId) return byId;
    const username = idOrUsername.replace(/^@/, '').toLowerCase();
    return [...this.users.values()].find((u) => u.username.toLowerCase() === username);
  }

  /** The user of that username, created as a non-account user (a mention author) if new. */
  userByUsername(username: string, name = username): XUser {
    const existing = this.findUser(username);
    if (existing) return existing;
    const user = { id: this.newUserId(), username: username.replace(/^@/, ''), name };
    this.users.set(user.id, user);
    return user;
  }

  newTweetId(): string {
    this.nextTweetId += 1n;
    return this.nextTweetId.toString();
  }

  addTweet(tweet: XTweet): XTweet {
    this.tweets.set(tweet.id, tweet);
    return tweet;
  }

  findTweet(id: string): XTweet | undefined {
    const tweet = this.tweets.get(id);
    return tweet && !tweet.deleted ? tweet : undefined;
  }

  /** Every tweet the user posted, deleted ones included, oldest first. */
  tweetsBy(userId: string): XTweet[] {
    return [...this.tweets.values()].filter((t) => t.authorId === userId);
  }

  /** How many live tweets reply to the tweet (mentions and the account's own replies alike). */
  replyCount(tweetId: string): number {
    let count = 0;
    for (const t of this.tweets.values()) {
      if (!t.deleted && t.referencedTweets?.some((r) => r.type === 'replied_to' && r.id === tweetId)) count++;
    }
    return count;
  }

  addMention(accountId: string, tweet: XTweet): void {
    this.addTweet(tweet);
    this.mentions.set(accountId, [...(this.mentions.get(accountId) ?? []), tweet.id]);
  }

  /** The account's mentions, newest first. */
  mentionsOf(accountId: string): XTweet[] {
    const ids = this.mentions.get(accountId) ?? [];
    return ids
      .map((id) => this.findTweet(id))
      .filter((t): t is XTweet => t !== undefined)
      .sort((a, b) => compareIds(b.id, a.id));
  }

  addMedia(media: XMedia): XMedia {
    this.media.set(media.id, media);
    return media;
  }

  findMedia(id: string): XMedia | undefined {
    return this.media.get(id);
  }

  reset(): void {
    this.accounts.clear();
    this.users.clear();
    this.tweets.clear();
    this.media.clear();
    this.mentions.clear();
    this.oauth.reset();
    this.rateLimiter.reset();
    this.failures.reset();
  }

  private clearAccountData(id: string): void {
    for (const tweet of this.tweetsBy(id)) this.tweets.delete(tweet.id);
    for (const media of [...this.media.values()]) {
      if (media.ownerId === id) this.media.delete(media.id);
    }
    this.mentions.delete(id);
  }

  private newUserId(): string {
    this.nextUserId += 1n;
    return this.nextUserId.toString();
  }
}

/** Orders numeric-string ids (snowflakes) as numbers. */
export function compareIds(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

export function isNumericId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value);
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
