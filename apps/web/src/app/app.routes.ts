import { Route, Routes } from '@angular/router';
import { PERMISSION_DATA_KEY, permissionGuard, signedInGuard, signedOutGuard } from '@carecast/web/core';
import { APP_PAGES, type AppPage } from './route-table';

/** The route of one page of the table: its title, its lazy routes, and its guard. */
export function routeOf(page: AppPage): Route {
  const route: Route = { path: page.path, title: page.title, loadChildren: page.load };
  if (page.access === 'signed-out') return { ...route, canActivate: [signedOutGuard] };
  if (!page.permission) return route;
  // The permission is checked again after an organisation switch.
  return {
    ...route,
    data: { [PERMISSION_DATA_KEY]: page.permission },
    canActivate: [permissionGuard],
    runGuardsAndResolvers: 'always',
  };
}

/** The router's configuration, built from the route table. */
export function routesOf(pages: readonly AppPage[]): Routes {
  const signedIn = pages.filter((page) => (page.access ?? 'signed-in') === 'signed-in');
  const others = pages.filter((page) => (page.access ?? 'signed-in') !== 'signed-in');
  return [
    // Pages for people who are not signed in (and those anyone may open).
    ...others.map(routeOf),
    // The dashboard itself: signed-in users only.
    {
      path: '',
      canActivateChild: [signedInGuard],
      children: [{ path: '', pathMatch: 'full', redirectTo: 'calendar' }, ...signedIn.map(routeOf)],
    },
    {
      path: '**',
      title: 'Page not found',
      loadComponent: () => import('./pages/not-found/not-found-page').then((m) => m.NotFoundPage),
    },
  ];
}

export const appRoutes: Routes = routesOf(APP_PAGES);
