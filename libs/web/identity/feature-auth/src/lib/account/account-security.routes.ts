import { Routes } from '@angular/router';
import { AccountSecurityPage } from './account-security-page';

export const accountSecurityRoutes: Routes = [{ path: '', component: AccountSecurityPage }];
