import type { ChannelKind } from '@carecast/shared/contracts';

/** What a channel can do beyond the required core (publish, delete, verify). */
export interface ChannelCapabilities {
  mentions: boolean;
  reply: boolean;
  hide: boolean;
  metrics: boolean;
  findRecent: boolean;
  /** Images one post may carry (0: none). */
  maxImages: number;
}

/** A connected account's decrypted credentials, as the adapter of its kind stored them. */
export type ChannelCredentials = Record<string, string>;

export interface AdapterContext {
  organisationId: string;
  channelId: string;
  externalAccountId: string;
  credentials: ChannelCredentials;
  /** Per-channel settings that are not secret (e.g. a WordPress site URL). */
  settings: Record<string, unknown>;
  /**
   * Persist credentials the adapter renewed on its own (e.g. an OAuth 2.0 refresh), encrypted
   * like the originals. Absent where nothing stores them (contract tests).
   */
  saveCredentials?: (credentials: ChannelCredentials) => Promise<void>;
  /**
   * Renew credentials one worker at a time (several may hold the same channel's credentials):
   * with the channel locked, `renew` gets the credentials stored now (another worker may have
   * renewed them since these were read) and answers them as they are, or renewed by the platform;
   * renewed ones are stored before the lock is released. Answers the credentials to use. Absent
   * where nothing stores them (contract tests): the adapter then renews on its own.
   */
  renewCredentials?: (
    renew: (stored: ChannelCredentials) => Promise<ChannelCredentials>,
  ) => Promise<ChannelCredentials>;
}

export interface PostImage {
  bytes: Buffer;
  mimeType: string;
  altText: string;
}

export interface PublishRequest {
  text: string;
  title?: string;
  link?: string;
  /** Blog categories and tags, by name (platforms without them ignore these). */
  categories?: string[];
  tags?: string[];
  images?: PostImage[];
  /** Publish as a reply to this platform id. */
  replyToExternalId?: string;
}

export interface PublishResult {
  externalId: string;
  url: string | null;
}

export interface VerifiedAccount {
  externalAccountId: string;
  displayName: string;
  /** Credentials to store, possibly refreshed or exchanged (e.g. a page token). */
  credentials: ChannelCredentials;
  /** Settings the platform corrected, stored over the ones given (e.g. a site's current address). */
  settings?: Record<string, string>;
}

export interface IncomingMention {
  externalId: string;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  conversationId: string | null;
  inReplyToExternalId: string | null;
  url: string | null;
  /**
   * Where it stands on a platform that moderates what visitors write (WordPress comments);
   * absent where everything received is visible. A held one may change later: see
   * `MentionBatch.statusChanges`.
   */
  status?: MentionStatus;
}

/** A mention's moderation state on the platform. */
export type MentionStatus = 'approved' | 'held' | 'spam' | 'trash' | 'deleted';

/** A mention returned earlier whose moderation state changed (e.g. a held comment approved). */
export interface MentionStatusChange {
  externalId: string;
  status: MentionStatus;
  /** When Carecast saw the change: the platform does not date it. */
  observedAt: Date;
}

/** One poll for mentions: what is new since the cursor, and the cursor for the next poll. */
export interface MentionBatch {
  mentions: IncomingMention[];
  cursor: string | null;
  /** Changes to mentions of earlier polls, oldest first; record each one. */
  statusChanges?: MentionStatusChange[];
}

/** How a published post is doing, as the platform counts it. */
export interface PostMetrics {
  externalId: string;
  /** Likes, reactions or favourites. */
  reactions: number;
  /** Replies or comments. */
  comments: number;
  /** Shares, reposts or quotes. */
  shares: number;
  /** Impressions or views, where the platform tells them (null otherwise). */
  impressions: number | null;
}

export interface RecentPost {
  externalId: string;
  text: string;
  url: string | null;
  createdAt: Date;
}

/** Where to send a person to grant access, and the secret to keep until they come back. */
export interface OAuthStart {
  url: string;
  state: string;
  /** E.g. the PKCE code verifier; kept server-side, never sent to the browser. */
  secret: string;
}

/** A choice the person makes after signing in (e.g. which Facebook pages to connect). */
export interface AccountChoice {
  id: string;
  name: string;
  /** Why it cannot be chosen (e.g. missing permission), if so. */
  unavailableReason: string | null;
  /** Settings to connect it with. */
  settings: Record<string, string>;
}

export interface OAuthGrant {
  /** Credentials to verify and store. */
  credentials: ChannelCredentials;
  /** Several accounts came with the grant: the person chooses which to connect. */
  choices?: AccountChoice[];
}

/** Connecting through the platform's own sign-in (OAuth), where the platform and the app allow it. */
export interface OAuthConnector {
  /** False while the platform app (client id and secret) is not configured. */
  readonly available: boolean;
  start(redirectUri: string): OAuthStart;
  finish(input: { code: string; redirectUri: string; secret: string }): Promise<OAuthGrant>;
}

/**
 * One platform behind one interface: a required core and optional capabilities. Code outside
 * an adapter never branches on the platform; it asks `capabilities`.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  /** Present when the platform offers an OAuth sign-in to connect with. */
  readonly oauth?: OAuthConnector;
  verifyCredentials(ctx: Omit<AdapterContext, 'channelId' | 'externalAccountId'>): Promise<VerifiedAccount>;
  publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult>;
  delete(ctx: AdapterContext, externalId: string): Promise<void>;
  fetchMentions?(ctx: AdapterContext, cursor: string | null): Promise<MentionBatch>;
  reply?(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult>;
  hide?(ctx: AdapterContext, externalId: string): Promise<void>;
  /** Counts for posts this channel published; posts the platform no longer has are left out. */
  fetchMetrics?(ctx: AdapterContext, externalIds: string[]): Promise<PostMetrics[]>;
  /** Used to confirm an unknown outcome before any retry: never post twice. */
  findRecent?(ctx: AdapterContext, since: Date): Promise<RecentPost[]>;
}

/** DI token: every registered adapter, looked up by kind. */
export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
