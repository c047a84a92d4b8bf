import type { Routes } from '@angular/router';
import { ContentSettingsPage } from './content-settings-page';

/** `settings/content`: the organisation's content settings (title from the route table). */
export const contentSettingsRoutes: Routes = [{ path: '', component: ContentSettingsPage }];
