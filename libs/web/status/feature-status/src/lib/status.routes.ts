import { Routes } from '@angular/router';
import { StatusPage } from './status-page';

export const statusRoutes: Routes = [{ path: '', component: StatusPage }];
