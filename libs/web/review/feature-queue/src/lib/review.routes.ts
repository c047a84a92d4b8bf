import { Routes } from '@angular/router';
import { ReviewQueuePage } from './review-queue-page';

export const reviewRoutes: Routes = [{ path: '', component: ReviewQueuePage }];
