import { Routes } from '@angular/router';
import { OutsideReviewPage } from './outside-review-page';

/** Mounted at `outside-review` for anyone (no sign-in): `/outside-review/<token>`. */
export const outsideReviewRoutes: Routes = [{ path: ':token', component: OutsideReviewPage }];
