import { inject, Injectable, type OnDestroy } from '@angular/core';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import type { ChannelSummary } from '@carecast/shared/contracts';
import { channelKindLabel, type ConfirmSharedAccount } from '@carecast/web/channels/data-access';
import { ConfirmDialog, type ConfirmDialogData } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

/** The questions the Channels page asks in a dialog; open ones close when the page goes away. */
@Injectable()
export class ChannelDialogs implements OnDestroy {
  private readonly dialog = inject(MatDialog);
  private readonly open = new Set<MatDialogRef<unknown>>();

  confirmRemove(channel: ChannelSummary): Promise<boolean> {
    return this.ask({
      title: `Remove ${channel.displayName}?`,
      text: `Remove ${channel.displayName} (${channelKindLabel(channel.kind)})? Scheduled posts to it will not be published.`,
      confirm: 'Remove',
      destructive: true,
    });
  }

  /** Warns that the account is connected in another organisation; true when the person confirms. */
  readonly confirmSharedAccount: ConfirmSharedAccount = (name, text) =>
    this.ask({ title: `Connect ${name} here as well?`, text, confirm: 'Connect anyway' });

  ngOnDestroy(): void {
    this.open.forEach((ref) => ref.close());
  }

  private async ask(data: ConfirmDialogData): Promise<boolean> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data,
      width: '440px',
      maxWidth: 'calc(100vw - 32px)',
    });
    this.open.add(ref as MatDialogRef<unknown>);
    const ok = await firstValueFrom(ref.afterClosed());
    this.open.delete(ref as MatDialogRef<unknown>);
    return ok === true;
  }
}
