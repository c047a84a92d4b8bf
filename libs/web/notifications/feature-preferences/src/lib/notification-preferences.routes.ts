import type { Routes } from '@angular/router';
import { NotificationPreferencesPage } from './notification-preferences-page';

export const notificationPreferencesRoutes: Routes = [{ path: '', component: NotificationPreferencesPage }];
