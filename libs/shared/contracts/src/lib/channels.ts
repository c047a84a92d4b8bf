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
  /**
   * The person confirmed connecting an account that another organisation already has connected
   * (without it, such a connect answers 409 and stores nothing).
   */
  confirmSharedAccount?: boolean;
}

/** `GET /api/channels/connect-options`: how each kind can be connected here. */
export interface ChannelConnectOption {
  kind: ChannelKind;
  label: string;
  /** The platform's own sign-in is configured (e.g. "Connect with X"). */
  oauth: boolean;
}

/** `POST /api/channels/oauth/:kind/start`: where to send the browser. */
export interface OAuthStartResponse {
  url: string;
}

/** An account the person may connect after signing in with the platform (e.g. a Facebook page). */
export interface AccountChoiceSummary {
  id: string;
  name: string;
  /** Why it cannot be connected (e.g. the role on the page does not allow posting), if so. */
  unavailableReason: string | null;
  /** Another organisation already has this account connected: connecting needs a confirmation. */
  sharedWithAnotherOrganisation: boolean;
}

/** `GET /api/channels/oauth/choices/:id`. */
export interface PendingAccountChoice {
  kind: ChannelKind;
  choices: AccountChoiceSummary[];
}

/** `POST /api/channels/oauth-choices/:id`: the accounts to connect. */
export interface ChooseAccountsRequest {
  ids: string[];
  /** Confirms connecting chosen accounts that another organisation already has connected. */
  confirmSharedAccount?: boolean;
}

/** `POST /api/channels/oauth/choices/:id`: what was connected and what the platform refused. */
export interface ChooseAccountsResult {
  connected: ChannelSummary[];
  refused: Array<{ id: string; name: string; message: string }>;
}
