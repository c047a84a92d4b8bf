import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import type { ChannelSummary } from '@carecast/shared/contracts';
import { ChannelsStore } from '@carecast/web/channels/data-access';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { describeTimeZone } from '@carecast/web/shared/util';
import { EmptyState, Notice } from '@carecast/web/ui';
import { AccountChoicePanel } from './account-choice-panel';
import { ChannelDialogs } from './channel-dialogs';
import { ChannelKinds } from './channel-kinds';
import { ChannelList } from './channel-list';
import { ConnectChannelPanel } from './connect-channel-panel';

/** The accounts Carecast publishes to, and (for administrators) connecting and managing them. */
@Component({
  selector: 'cc-channels-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    EmptyState,
    Notice,
    AccountChoicePanel,
    ChannelKinds,
    ChannelList,
    ConnectChannelPanel,
  ],
  providers: [ChannelsStore, ChannelDialogs],
  templateUrl: './channels-page.html',
  styleUrl: './channels-page.scss',
})
export class ChannelsPage {
  protected readonly store = inject(ChannelsStore);
  private readonly auth = inject(AuthStore);
  private readonly dialogs = inject(ChannelDialogs);
  private readonly organisation = inject(ORGANISATION);
  private readonly router = inject(Router);
  private readonly connectPanel = viewChild(ConnectChannelPanel);

  protected readonly timeZone = computed(() => {
    this.auth.organisation();
    return describeTimeZone(this.organisation);
  });
  protected readonly loadError = computed(() => {
    const list = this.store.list();
    return list.state === 'failed' ? list.message : null;
  });

  constructor() {
    void this.store.load();
    this.arriveFromSignIn(inject(ActivatedRoute).snapshot.queryParamMap);
  }

  protected openConnect(): void {
    this.store.openConnect();
    this.focusConnectHeading();
  }

  protected reconnect(channel: ChannelSummary): void {
    if (this.store.reconnect(channel)) this.focusConnectHeading();
  }

  protected async remove(channel: ChannelSummary): Promise<void> {
    if (await this.dialogs.confirmRemove(channel)) await this.store.remove(channel);
  }

  /** Back from a platform's sign-in: the address is cleaned up, and the store says what happened. */
  private arriveFromSignIn(params: { get(name: string): string | null }): void {
    const back = {
      connected: params.get('connected'),
      error: params.get('error'),
      choose: params.get('choose'),
    };
    if (!back.connected && !back.error && !back.choose) return;
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
    void this.store.arriveFromSignIn(back);
  }

  private focusConnectHeading(): void {
    setTimeout(() => this.connectPanel()?.focusHeading());
  }
}
