import { Routes } from '@angular/router';
import { ReviewPage } from './review-page';

export default [{ path: '', title: 'Review', component: ReviewPage }] satisfies Routes;
