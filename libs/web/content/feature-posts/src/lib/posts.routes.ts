import type { Routes } from '@angular/router';
import { ComposerPage } from './composer/composer-page';
import { PostsPage } from './posts-list/posts-page';

/** The posts section (`/posts`): the list, the composer, and a post's own page (review, history). */
export const postsRoutes: Routes = [
  { path: '', component: PostsPage },
  { path: 'new', title: 'New post', component: ComposerPage },
  { path: ':id/edit', title: 'Edit post', component: ComposerPage },
  {
    path: ':id',
    title: 'Post',
    loadComponent: () => import('@carecast/web/review/feature-post').then((m) => m.PostPage),
  },
];
