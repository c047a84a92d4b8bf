import { Routes } from '@angular/router';
import { NoAccessPage } from './no-access-page';

export const noAccessRoutes: Routes = [{ path: '', component: NoAccessPage }];
