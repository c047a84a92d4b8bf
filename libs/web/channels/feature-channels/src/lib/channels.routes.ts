import { Routes } from '@angular/router';
import { ChannelsPage } from './channels-page';

export const channelsRoutes: Routes = [{ path: '', component: ChannelsPage }];
