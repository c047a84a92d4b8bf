export const CHANNEL_KINDS = ['facebook_page', 'x_account', 'wordpress_blog', 'carecast_blog'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type ChannelStatus = 'connected' | 'needs_reconnect' | 'disabled';

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  facebook_page: 'Facebook Page',
  x_account: 'X account',
  wordpress_blog: 'WordPress blog',
  carecast_blog: 'Carecast blog',
};
