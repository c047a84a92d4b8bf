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
  channelId: string;
  externalAccountId: string;
  credentials: ChannelCredentials;
  /** Per-channel settings that are not secret (e.g. a WordPress site URL). */
  settings: Record<string, unknown>;
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
}

export interface RecentPost {
  externalId: string;
  text: string;
  url: string | null;
  createdAt: Date;
}

/**
 * One platform behind one interface: a required core and optional capabilities. Code outside
 * an adapter never branches on the platform; it asks `capabilities`.
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  verifyCredentials(ctx: Omit<AdapterContext, 'channelId' | 'externalAccountId'>): Promise<VerifiedAccount>;
  publish(ctx: AdapterContext, request: PublishRequest): Promise<PublishResult>;
  delete(ctx: AdapterContext, externalId: string): Promise<void>;
  fetchMentions?(
    ctx: AdapterContext,
    cursor: string | null,
  ): Promise<{ mentions: IncomingMention[]; cursor: string | null }>;
  reply?(ctx: AdapterContext, toExternalId: string, text: string): Promise<PublishResult>;
  hide?(ctx: AdapterContext, externalId: string): Promise<void>;
  /** Used to confirm an unknown outcome before any retry: never post twice. */
  findRecent?(ctx: AdapterContext, since: Date): Promise<RecentPost[]>;
}

/** DI token: every registered adapter, looked up by kind. */
export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
