import { Routes } from '@angular/router';
import { ChannelsPage } from './channels-page';

export default [{ path: '', title: 'Channels', component: ChannelsPage }] satisfies Routes;
