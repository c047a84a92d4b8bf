import { Routes } from '@angular/router';

export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'calendar' },
  { path: 'calendar', loadChildren: () => import('./features/calendar/calendar.routes') },
  { path: 'review', loadChildren: () => import('./features/review/review.routes') },
  { path: 'inbox', loadChildren: () => import('./features/inbox/inbox.routes') },
  { path: 'channels', loadChildren: () => import('./features/channels/channels.routes') },
  { path: 'audit', loadChildren: () => import('./features/audit/audit.routes') },
  { path: 'status', loadChildren: () => import('./features/status/status.routes') },
  { path: 'sign-in', loadChildren: () => import('./features/sign-in/sign-in.routes') },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
