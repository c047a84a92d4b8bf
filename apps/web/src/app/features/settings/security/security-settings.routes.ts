import { Routes } from '@angular/router';
import { SecuritySettingsPage } from './security-settings-page';

export default [{ path: '', title: 'Security settings', component: SecuritySettingsPage }] satisfies Routes;
