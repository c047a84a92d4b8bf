import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ChannelKind, ChannelStatus, ChannelSummary } from '@carecast/shared/contracts';
import { channelKindLabel } from '@carecast/web/channels/data-access';
import { ORGANISATION } from '@carecast/web/core';
import { formatDateTime } from '@carecast/web/shared/util';

const STATUS_LABELS: Record<ChannelStatus, string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnecting',
  disabled: 'Disabled',
};

const KIND_ICONS: Record<ChannelKind, string> = {
  facebook_page: 'f',
  x_account: 'X',
  wordpress_blog: 'W',
  carecast_blog: 'C',
};

/** The connected channels as cards: status in words, last problem, and (for managers) the actions. */
@Component({
  selector: 'cc-channel-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  templateUrl: './channel-list.html',
  styleUrl: './channel-list.scss',
})
export class ChannelList {
  private readonly organisation = inject(ORGANISATION);

  readonly channels = input.required<readonly ChannelSummary[]>();
  /** Show Reconnect, Enable/Disable and Remove. */
  readonly canManage = input(false);
  /** The channel an action is running on: its buttons are disabled meanwhile. */
  readonly busyId = input<string | null>(null);

  readonly reconnect = output<ChannelSummary>();
  readonly enable = output<ChannelSummary>();
  readonly disable = output<ChannelSummary>();
  readonly remove = output<ChannelSummary>();

  protected kindLabel(kind: ChannelKind): string {
    return channelKindLabel(kind);
  }

  protected kindIcon(kind: ChannelKind): string {
    return KIND_ICONS[kind] ?? '?';
  }

  protected statusLabel(status: ChannelStatus): string {
    return STATUS_LABELS[status] ?? status;
  }

  protected when(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }

  protected blogUrl(channel: ChannelSummary): string {
    return `/blog/${encodeURIComponent(channel.externalAccountId)}/`;
  }
}
