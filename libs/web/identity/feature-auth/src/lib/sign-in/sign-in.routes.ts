import { Routes } from '@angular/router';
import { SignInPage } from './sign-in-page';

export default [{ path: '', title: 'Sign in', component: SignInPage }] satisfies Routes;
