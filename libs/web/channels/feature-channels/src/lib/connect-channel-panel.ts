import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ChannelKind } from '@carecast/shared/contracts';
import {
  channelKindLabel,
  ChannelsStore,
  CONNECTABLE_KINDS,
  type ConnectField,
} from '@carecast/web/channels/data-access';
import { AuthStore } from '@carecast/web/core';
import { fieldError } from '@carecast/web/shared/util';
import { FormError } from '@carecast/web/ui';
import { ChannelDialogs } from './channel-dialogs';

/**
 * Connecting or reconnecting a channel: the kind, then the platform's sign-in or the credentials
 * to paste (the Carecast blog needs none).
 */
@Component({
  selector: 'cc-connect-channel-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    FormError,
  ],
  templateUrl: './connect-channel-panel.html',
  styleUrl: './connect-channel-panel.scss',
})
export class ConnectChannelPanel {
  protected readonly store = inject(ChannelsStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialogs = inject(ChannelDialogs);
  private readonly snackBar = inject(MatSnackBar);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('connectHeading');

  protected readonly kinds = CONNECTABLE_KINDS;

  /** Moves focus to the panel's heading (when it opens, or switches to another channel). */
  focusHeading(): void {
    this.heading()?.nativeElement.focus();
  }

  protected kindLabel(kind: ChannelKind): string {
    return channelKindLabel(kind);
  }

  protected control(field: ConnectField) {
    return this.store.form()?.controls[field.group].controls[field.name] ?? null;
  }

  protected error(field: ConnectField): string {
    const control = this.control(field);
    if (field.pattern && control?.errors?.['pattern']) return 'Enter an address starting with https://';
    return fieldError(control, field.label);
  }

  protected async submit(): Promise<void> {
    const channel = await this.store.submitConnect(this.dialogs.confirmSharedAccount);
    if (!channel) return;
    this.snackBar.open(`Connected ${channel.displayName} (${channelKindLabel(channel.kind)}).`, 'OK', {
      duration: 6000,
    });
  }
}
