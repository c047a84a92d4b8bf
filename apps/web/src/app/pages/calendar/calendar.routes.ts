import { Routes } from '@angular/router';
import { CalendarPage } from './calendar-page';

export default [{ path: '', title: 'Calendar', component: CalendarPage }] satisfies Routes;
