import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ChannelsStore } from '@carecast/web/channels/data-access';
import { FormError } from '@carecast/web/ui';
import { ChannelDialogs } from './channel-dialogs';

/** After signing in with a platform that granted several accounts (Facebook Pages): which to connect. */
@Component({
  selector: 'cc-account-choice-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatProgressBarModule, FormError],
  template: `
    @if (store.choice(); as c) {
      @if (c.step === 'choosing') {
        <section class="connect" aria-labelledby="choice-heading">
          <h2 id="choice-heading" class="connect__heading">
            Choose the {{ c.pending.kind === 'facebook_page' ? 'Pages' : 'accounts' }} to connect
          </h2>
          <ul class="choices">
            @for (option of c.pending.choices; track option.id) {
              <li>
                <mat-checkbox
                  [checked]="c.chosen.has(option.id)"
                  [disabled]="!!option.unavailableReason"
                  (change)="store.toggleChoice(option.id, $event.checked)"
                  >{{ option.name }}</mat-checkbox
                >
                @if (option.unavailableReason) {
                  <p class="choices__reason">{{ option.unavailableReason }}</p>
                }
                @if (option.sharedWithAnotherOrganisation) {
                  <p class="choices__reason choices__reason--shared">
                    Already connected to another organisation in Carecast: you will be asked to confirm.
                  </p>
                }
              </li>
            }
          </ul>
          <cc-form-error [message]="store.choiceError()" />
          <div class="connect__actions">
            <button mat-button type="button" (click)="store.cancelChoice()">Cancel</button>
            <button mat-flat-button type="button" (click)="confirm()" [disabled]="store.choiceBusy()">
              Connect selected
            </button>
          </div>
          @if (store.choiceBusy()) {
            <mat-progress-bar mode="indeterminate" aria-label="Connecting" />
          }
        </section>
      }
    }
  `,
  styleUrl: './account-choice-panel.scss',
})
export class AccountChoicePanel {
  protected readonly store = inject(ChannelsStore);
  private readonly dialogs = inject(ChannelDialogs);

  protected confirm(): void {
    void this.store.confirmChoice(this.dialogs.confirmSharedAccount);
  }
}
