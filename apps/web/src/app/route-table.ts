import type { Routes } from '@angular/router';
import type { Permission } from '@carecast/shared/contracts';
import type { IconName } from '@carecast/web/ui/icon';

/** Where a page is linked from: the main sections (bar, or the phone menu) or the user menu. */
export type NavGroup = 'main' | 'account';

interface PageBase {
  /** The address under the dashboard, without a leading slash: `channels`, `settings/users`. */
  path: string;
  /** The page's title ("<title> · Carecast") and its label wherever it is linked. */
  title: string;
  /** Who may open it; signed-in users by default. */
  access?: 'signed-in' | 'signed-out' | 'anyone';
  /** Signed-in users whose role has this permission; the others see "No access" at the address. */
  permission?: Permission;
  /** The feature library's routes, loaded when the page is first opened. */
  load: () => Promise<Routes>;
}

/** A page linked from a navigation group carries the icon shown next to its title there. */
export type AppPage = PageBase & ({ nav: NavGroup; icon: IconName } | { nav?: undefined; icon?: undefined });

/**
 * Every page of the dashboard, declared once: the router (`app.routes.ts`) and the navigation
 * (main sections, user menu) are built from this list. Linked pages appear in their group in
 * this order. A context adds its page here with its feature library's routes.
 */
export const APP_PAGES: readonly AppPage[] = [
  // Pages for people who are not signed in.
  {
    path: 'sign-in',
    title: 'Sign in',
    access: 'signed-out',
    load: () => import('@carecast/web/identity/feature-auth').then((m) => m.signInRoutes),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    access: 'signed-out',
    load: () => import('@carecast/web/identity/feature-auth').then((m) => m.forgotPasswordRoutes),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    access: 'anyone',
    load: () => import('@carecast/web/identity/feature-auth').then((m) => m.resetPasswordRoutes),
  },
  {
    path: 'accept-invitation',
    title: 'Accept invitation',
    access: 'anyone',
    load: () => import('@carecast/web/identity/feature-auth').then((m) => m.acceptInvitationRoutes),
  },
  // An outside approver's emailed link (no account): `/outside-review/<token>`.
  {
    path: 'outside-review',
    title: 'Review a post',
    access: 'anyone',
    load: () => import('@carecast/web/review/feature-outside-review').then((m) => m.outsideReviewRoutes),
  },

  // The dashboard's sections.
  {
    path: 'calendar',
    title: 'Calendar',
    permission: 'content.read',
    nav: 'main',
    icon: 'calendar',
    load: () => import('./pages/calendar/calendar.routes').then((m) => m.calendarRoutes),
  },
  {
    path: 'posts',
    title: 'Posts',
    permission: 'content.read',
    nav: 'main',
    icon: 'edit',
    load: () => import('@carecast/web/content/feature-posts').then((m) => m.postsRoutes),
  },
  {
    path: 'review',
    title: 'Review',
    permission: 'review.read',
    nav: 'main',
    icon: 'review',
    load: () => import('@carecast/web/review/feature-queue').then((m) => m.reviewRoutes),
  },
  {
    path: 'inbox',
    title: 'Inbox',
    permission: 'inbox.read',
    nav: 'main',
    icon: 'inbox',
    load: () => import('./pages/inbox/inbox.routes').then((m) => m.inboxRoutes),
  },
  {
    path: 'channels',
    title: 'Channels',
    permission: 'channels.read',
    nav: 'main',
    icon: 'channels',
    load: () => import('@carecast/web/channels/feature-channels').then((m) => m.channelsRoutes),
  },
  {
    path: 'audit',
    title: 'Audit',
    permission: 'audit.read',
    nav: 'main',
    icon: 'audit',
    load: () => import('@carecast/web/audit/feature-audit').then((m) => m.auditRoutes),
  },
  {
    path: 'settings/users',
    title: 'Users',
    permission: 'users.read',
    nav: 'main',
    icon: 'users',
    load: () => import('@carecast/web/identity/feature-settings').then((m) => m.usersRoutes),
  },
  // Linked from the toolbar's status indicator and the footer.
  {
    path: 'status',
    title: 'System status',
    permission: 'system.read',
    load: () => import('@carecast/web/status/feature-status').then((m) => m.statusRoutes),
  },

  // The user menu.
  {
    path: 'account/security',
    title: 'Your account security',
    nav: 'account',
    icon: 'lock',
    load: () => import('@carecast/web/identity/feature-auth').then((m) => m.accountSecurityRoutes),
  },
  {
    path: 'account/notifications',
    title: 'Notification settings',
    nav: 'account',
    icon: 'notifications',
    load: () =>
      import('@carecast/web/notifications/feature-preferences').then((m) => m.notificationPreferencesRoutes),
  },
  {
    path: 'settings/content',
    title: 'Content settings',
    permission: 'organisation.manage',
    nav: 'account',
    icon: 'settings',
    load: () => import('@carecast/web/content/feature-settings').then((m) => m.contentSettingsRoutes),
  },
  {
    path: 'settings/security',
    title: 'Organisation security',
    permission: 'organisation.manage',
    nav: 'account',
    icon: 'security',
    load: () => import('@carecast/web/identity/feature-settings').then((m) => m.securitySettingsRoutes),
  },

  {
    path: 'no-access',
    title: 'No access',
    load: () => import('./pages/no-access/no-access.routes').then((m) => m.noAccessRoutes),
  },
];

/** A link of a navigation group. */
export interface NavLink {
  label: string;
  /** The address, from the root: `/calendar`. */
  path: string;
  icon: IconName;
  /** Shown only to users whose role allows this; absent: to every signed-in user. */
  permission: Permission | null;
}

/** The links of one navigation group, in the table's order. */
export function navLinks(group: NavGroup, pages: readonly AppPage[] = APP_PAGES): NavLink[] {
  return pages.flatMap((page) =>
    page.nav === group
      ? [{ label: page.title, path: `/${page.path}`, icon: page.icon, permission: page.permission ?? null }]
      : [],
  );
}
