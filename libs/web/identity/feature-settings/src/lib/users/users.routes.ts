import { Routes } from '@angular/router';
import { UsersPage } from './users-page';

export default [{ path: '', title: 'Users', component: UsersPage }] satisfies Routes;
