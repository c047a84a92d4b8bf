import { Routes } from '@angular/router';
import { ResetPasswordPage } from './reset-password-page';

export const resetPasswordRoutes: Routes = [{ path: '', component: ResetPasswordPage }];
