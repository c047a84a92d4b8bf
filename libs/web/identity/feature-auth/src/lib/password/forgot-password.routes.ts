import { Routes } from '@angular/router';
import { ForgotPasswordPage } from './forgot-password-page';

export const forgotPasswordRoutes: Routes = [{ path: '', component: ForgotPasswordPage }];
