/** A user of the emulated X: an account Carecast can sign in as, or the author of a mention. */
export interface XUser {
  id: string;
  username: string;
  name: string;
}

/** An account Carecast connects to, with the tokens the emulator accepts for it. */
export interface XAccount extends XUser {
  /** OAuth 2.0 user-context access token, sent as `Authorization: Bearer <token>`. */
  accessToken: string;
  /** OAuth 1.0a access token, matched against `oauth_token` in an `Authorization: OAuth` header. */
  oauth1Token: string;
  oauth1Secret: string;
}

export interface XReferencedTweet {
  type: 'replied_to' | 'quoted';
  id: string;
}

export interface XTweet {
  id: string;
  text: string;
  authorId: string;
  createdAt: Date;
  conversationId: string;
  inReplyToUserId?: string;
  referencedTweets?: XReferencedTweet[];
  mediaIds?: string[];
  deleted?: boolean;
  /** What other people did with the tweet, as the control API sets it (absent: nothing yet). */
  counters?: XTweetCounters;
}

/** A tweet's public counters that come from outside the emulated world (replies are counted from tweets). */
export interface XTweetCounters {
  likes: number;
  retweets: number;
  quotes: number;
  impressions: number;
}

export interface XMedia {
  id: string;
  ownerId: string;
  mediaType: string;
  mediaCategory?: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  size?: number;
  /** SHA-256 (hex) of the assembled bytes, set at FINALIZE, so tests can check the upload byte for byte. */
  sha256?: string;
  finalizedAt?: number;
  /** How long after FINALIZE the processing takes; 0 for images (no `processing_info`). */
  processingMs: number;
  altText?: string;
}

/** What an endpoint handler answers; the endpoint wrapper adds the rate-limit headers. */
export interface XReply {
  status: number;
  body: unknown;
  contentType?: string;
}
