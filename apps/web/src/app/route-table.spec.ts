import type { Route } from '@angular/router';
import { PERMISSION_DATA_KEY, permissionGuard, signedInGuard, signedOutGuard } from '@carecast/web/core';
import { appRoutes, routesOf } from './app.routes';
import { APP_PAGES, navLinks, type AppPage } from './route-table';

const blank = () => Promise.resolve([]);

describe('the route table', () => {
  it('gives every page its own address and a title', () => {
    const paths = APP_PAGES.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(APP_PAGES.every((page) => page.title.trim().length > 0)).toBe(true);
  });

  it('lists the main sections and the user menu in the order people use them', () => {
    expect(navLinks('main').map((link) => [link.label, link.path, link.permission])).toEqual([
      ['Calendar', '/calendar', 'content.read'],
      ['Posts', '/posts', 'content.read'],
      ['Review', '/review', 'review.read'],
      ['Inbox', '/inbox', 'inbox.read'],
      ['Channels', '/channels', 'channels.read'],
      ['Audit', '/audit', 'audit.read'],
      ['Users', '/settings/users', 'users.read'],
    ]);
    expect(navLinks('account').map((link) => [link.label, link.path, link.permission])).toEqual([
      ['Your account security', '/account/security', null],
      ['Notification settings', '/account/notifications', null],
      ['Content settings', '/settings/content', 'organisation.manage'],
      ['Organisation security', '/settings/security', 'organisation.manage'],
    ]);
  });

  it('loads each page from its library', async () => {
    for (const page of APP_PAGES) {
      const routes = await page.load();
      expect(routes.length).toBeGreaterThan(0);
    }
  });
});

describe('the routes built from it', () => {
  const pages: AppPage[] = [
    { path: 'sign-in', title: 'Sign in', access: 'signed-out', load: blank },
    { path: 'open', title: 'Open to anyone', access: 'anyone', load: blank },
    { path: 'mine', title: 'Mine', nav: 'account', icon: 'lock', load: blank },
    { path: 'audit', title: 'Audit', permission: 'audit.read', nav: 'main', icon: 'audit', load: blank },
  ];
  const routes = routesOf(pages);
  const find = (list: readonly Route[] | undefined, path: string) =>
    list?.find((route) => route.path === path);
  const dashboard: Route = find(routes, '') ?? {};
  const children = dashboard.children ?? [];

  it('keeps pages for people who are not signed in outside the signed-in part', () => {
    expect(find(routes, 'sign-in')).toMatchObject({ title: 'Sign in', canActivate: [signedOutGuard] });
    expect(find(routes, 'open')).toEqual({ path: 'open', title: 'Open to anyone', loadChildren: blank });
    expect(find(children, 'sign-in')).toBeUndefined();
  });

  it('puts the other pages behind the sign-in check, with their titles', () => {
    expect(dashboard.canActivateChild).toEqual([signedInGuard]);
    expect(find(children, 'mine')).toEqual({ path: 'mine', title: 'Mine', loadChildren: blank });
  });

  it('checks the permission a page needs, again after an organisation switch', () => {
    expect(find(children, 'audit')).toEqual({
      path: 'audit',
      title: 'Audit',
      loadChildren: blank,
      data: { [PERMISSION_DATA_KEY]: 'audit.read' },
      canActivate: [permissionGuard],
      runGuardsAndResolvers: 'always',
    });
  });

  it('opens the calendar at the root and ends with "page not found"', () => {
    expect(children[0]).toEqual({ path: '', pathMatch: 'full', redirectTo: 'calendar' });
    expect(appRoutes.at(-1)).toMatchObject({ path: '**', title: 'Page not found' });
  });
});
