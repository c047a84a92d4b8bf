import { IconName } from '../shared/icon/icon-paths';

export interface NavLink {
  label: string;
  path: string;
  icon: IconName;
}

/** The dashboard's main sections, in the order people use them. */
export const NAV_LINKS: readonly NavLink[] = [
  { label: 'Calendar', path: '/calendar', icon: 'calendar' },
  { label: 'Review', path: '/review', icon: 'review' },
  { label: 'Inbox', path: '/inbox', icon: 'inbox' },
  { label: 'Channels', path: '/channels', icon: 'channels' },
  { label: 'Audit', path: '/audit', icon: 'audit' },
];
