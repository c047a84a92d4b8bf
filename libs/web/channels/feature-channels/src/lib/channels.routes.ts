import { Routes } from '@angular/router';
import { ChannelsPage } from './channels-page';

export const channelsRoutes: Routes = [{ path: '', title: 'Channels', component: ChannelsPage }];
