import { Routes } from '@angular/router';
import { AuditPage } from './audit-page';

export default [{ path: '', title: 'Audit', component: AuditPage }] satisfies Routes;
