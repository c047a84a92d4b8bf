import { Routes } from '@angular/router';
import { InboxPage } from './inbox-page';

export const inboxRoutes: Routes = [{ path: '', component: InboxPage }];
