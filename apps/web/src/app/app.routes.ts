import { Route, Routes } from '@angular/router';
import type { Permission } from '@carecast/shared/contracts';
import { PERMISSION_DATA_KEY, permissionGuard, signedInGuard, signedOutGuard } from '@carecast/web/core';

/** A page only some roles may open: the permission is checked again after an organisation switch. */
function guarded(permission: Permission, route: Route): Route {
  return {
    ...route,
    data: { ...route.data, [PERMISSION_DATA_KEY]: permission },
    canActivate: [permissionGuard],
    runGuardsAndResolvers: 'always',
  };
}

export const appRoutes: Routes = [
  // Pages for people who are not signed in.
  {
    path: 'sign-in',
    canActivate: [signedOutGuard],
    loadChildren: () => import('@carecast/web/identity/feature-auth').then((m) => m.signInRoutes),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    canActivate: [signedOutGuard],
    loadComponent: () => import('@carecast/web/identity/feature-auth').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('@carecast/web/identity/feature-auth').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'accept-invitation',
    title: 'Accept invitation',
    loadComponent: () => import('@carecast/web/identity/feature-auth').then((m) => m.AcceptInvitationPage),
  },
  // The dashboard itself: signed-in users only.
  {
    path: '',
    canActivateChild: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'calendar' },
      guarded('content.read', {
        path: 'calendar',
        loadChildren: () => import('./pages/calendar/calendar.routes'),
      }),
      guarded('review.read', {
        path: 'review',
        loadChildren: () => import('./pages/review/review.routes'),
      }),
      guarded('inbox.read', { path: 'inbox', loadChildren: () => import('./pages/inbox/inbox.routes') }),
      guarded('channels.read', {
        path: 'channels',
        loadChildren: () => import('@carecast/web/channels/feature-channels').then((m) => m.channelsRoutes),
      }),
      guarded('audit.read', {
        path: 'audit',
        loadChildren: () => import('@carecast/web/audit/feature-audit').then((m) => m.auditRoutes),
      }),
      guarded('system.read', {
        path: 'status',
        loadChildren: () => import('@carecast/web/status/feature-status').then((m) => m.statusRoutes),
      }),
      guarded('users.read', {
        path: 'settings/users',
        loadChildren: () => import('@carecast/web/identity/feature-settings').then((m) => m.usersRoutes),
      }),
      guarded('organisation.manage', {
        path: 'settings/security',
        loadChildren: () =>
          import('@carecast/web/identity/feature-settings').then((m) => m.securitySettingsRoutes),
      }),
      {
        path: 'account/security',
        title: 'Your account security',
        loadComponent: () => import('@carecast/web/identity/feature-auth').then((m) => m.AccountSecurityPage),
      },
      {
        path: 'no-access',
        title: 'No access',
        loadComponent: () => import('./pages/no-access/no-access-page').then((m) => m.NoAccessPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./pages/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
