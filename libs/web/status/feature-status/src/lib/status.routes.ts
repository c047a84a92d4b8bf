import { Routes } from '@angular/router';
import { StatusPage } from './status-page';

export default [{ path: '', title: 'System status', component: StatusPage }] satisfies Routes;
