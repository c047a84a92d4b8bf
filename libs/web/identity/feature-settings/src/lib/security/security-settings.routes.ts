import { Routes } from '@angular/router';
import { SecuritySettingsPage } from './security-settings-page';

export default [
  { path: '', title: 'Organisation security', component: SecuritySettingsPage },
] satisfies Routes;
