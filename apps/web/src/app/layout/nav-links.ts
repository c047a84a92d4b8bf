import type { Permission } from '@carecast/shared/contracts';
import { IconName } from '@carecast/web/ui';

export interface NavLink {
  label: string;
  path: string;
  icon: IconName;
  /** Shown only to users whose role allows this. */
  permission: Permission;
}

/** The dashboard's main sections, in the order people use them. */
export const NAV_LINKS: readonly NavLink[] = [
  { label: 'Calendar', path: '/calendar', icon: 'calendar', permission: 'content.read' },
  { label: 'Review', path: '/review', icon: 'review', permission: 'review.read' },
  { label: 'Inbox', path: '/inbox', icon: 'inbox', permission: 'inbox.read' },
  { label: 'Channels', path: '/channels', icon: 'channels', permission: 'channels.read' },
  { label: 'Audit', path: '/audit', icon: 'audit', permission: 'audit.read' },
  { label: 'Users', path: '/settings/users', icon: 'users', permission: 'users.read' },
];
