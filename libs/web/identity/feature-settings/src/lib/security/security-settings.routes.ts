import { Routes } from '@angular/router';
import { SecuritySettingsPage } from './security-settings-page';

export const securitySettingsRoutes: Routes = [{ path: '', component: SecuritySettingsPage }];
