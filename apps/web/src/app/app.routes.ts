import { Route, Routes } from '@angular/router';
import type { Permission } from '@carecast/shared/contracts';
import { PERMISSION_DATA_KEY, permissionGuard, signedInGuard, signedOutGuard } from './core/auth/auth.guards';

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
    loadChildren: () => import('./features/sign-in/sign-in.routes'),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/password/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password',
    loadComponent: () => import('./features/password/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'accept-invitation',
    title: 'Accept invitation',
    loadComponent: () =>
      import('./features/invitation/accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  // The dashboard itself: signed-in users only.
  {
    path: '',
    canActivateChild: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'calendar' },
      guarded('content.read', {
        path: 'calendar',
        loadChildren: () => import('./features/calendar/calendar.routes'),
      }),
      guarded('review.read', {
        path: 'review',
        loadChildren: () => import('./features/review/review.routes'),
      }),
      guarded('inbox.read', { path: 'inbox', loadChildren: () => import('./features/inbox/inbox.routes') }),
      guarded('channels.read', {
        path: 'channels',
        loadChildren: () => import('./features/channels/channels.routes'),
      }),
      guarded('audit.read', { path: 'audit', loadChildren: () => import('./features/audit/audit.routes') }),
      guarded('system.read', {
        path: 'status',
        loadChildren: () => import('./features/status/status.routes'),
      }),
      guarded('users.read', {
        path: 'settings/users',
        loadChildren: () => import('./features/settings/users/users.routes'),
      }),
      guarded('organisation.manage', {
        path: 'settings/security',
        loadChildren: () => import('./features/settings/security/security-settings.routes'),
      }),
      {
        path: 'account/security',
        title: 'Your account security',
        loadComponent: () =>
          import('./features/account/account-security-page').then((m) => m.AccountSecurityPage),
      },
      {
        path: 'no-access',
        title: 'No access',
        loadComponent: () => import('./features/no-access/no-access-page').then((m) => m.NoAccessPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
