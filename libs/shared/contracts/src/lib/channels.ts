export const CHANNEL_KINDS = ['facebook_page', 'x_account', 'wordpress_blog', 'carecast_blog'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type ChannelStatus = 'connected' | 'needs_reconnect' | 'disabled';

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  facebook_page: 'Facebook Page',
  x_account: 'X account',
  wordpress_blog: 'WordPress blog',
  carecast_blog: 'Carecast blog',
};

/** A connected account, as the API shows it: never its credentials. */
export interface ChannelSummary {
  id: string;
  kind: ChannelKind;
  displayName: string;
  externalAccountId: string;
  status: ChannelStatus;
  /** The last problem, in plain words (e.g. "Reconnect the Riverside Facebook page"). */
  lastError: string | null;
  capabilities: { mentions: boolean; reply: boolean; hide: boolean; maxImages: number };
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/channels`. Credentials by kind: x_account {accessToken}; facebook_page
 * {userAccessToken} with settings {pageId}; wordpress_blog {username, applicationPassword} with
 * settings {siteUrl}.
 */
export interface ConnectChannelRequest {
  kind: ChannelKind;
  credentials: Record<string, string>;
  settings?: Record<string, string>;
}
