import { Routes } from '@angular/router';
import { AcceptInvitationPage } from './accept-invitation-page';

export const acceptInvitationRoutes: Routes = [{ path: '', component: AcceptInvitationPage }];
