import { Routes } from '@angular/router';
import { InboxPage } from './inbox-page';

export default [{ path: '', title: 'Inbox', component: InboxPage }] satisfies Routes;
