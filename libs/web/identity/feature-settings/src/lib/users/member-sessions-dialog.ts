import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MemberSummary, SessionSummary } from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { UsersService } from '@carecast/web/identity/data-access';
import { userMessage } from '@carecast/web/shared/util';
import { Notice, NoticeTone, SessionList } from '@carecast/web/ui';
import { firstValueFrom } from 'rxjs';

/** A member's open sessions, and signing them out everywhere (a lost laptop, someone leaving). */
@Component({
  selector: 'cc-member-sessions-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, Notice, SessionList],
  template: `
    <h2 mat-dialog-title>Sessions of {{ member.displayName || member.email }}</h2>
    <mat-dialog-content>
      <div aria-live="polite">
        @if (message(); as m) {
          <cc-notice class="message" [tone]="m.tone"
            ><p>{{ m.text }}</p></cc-notice
          >
        }
      </div>
      @if (sessions(); as list) {
        <cc-session-list
          [sessions]="list"
          [organisation]="organisation"
          emptyText="Not signed in anywhere."
        />
      } @else if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading sessions" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="busy() || !sessions()?.length"
        (click)="signOutEverywhere()"
      >
        Sign out everywhere
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .message {
      margin-block-end: 12px;
    }
  `,
})
export class MemberSessionsDialog {
  protected readonly member = inject<MemberSummary>(MAT_DIALOG_DATA);
  protected readonly organisation = inject(ORGANISATION);
  private readonly api = inject(UsersService);

  protected readonly sessions = signal<SessionSummary[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly message = signal<{ tone: NoticeTone; text: string } | null>(null);

  constructor() {
    void this.load();
  }

  protected async signOutEverywhere(): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.signOutEverywhere(this.member.userId));
      this.message.set({
        tone: 'success',
        text: `${this.member.displayName || this.member.email} is signed out on every device.`,
      });
      await this.load();
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: userMessage(error) });
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.sessions.set(await firstValueFrom(this.api.sessions(this.member.userId)));
    } catch (error: unknown) {
      this.message.set({ tone: 'error', text: `Could not load the sessions. ${userMessage(error)}` });
    } finally {
      this.loading.set(false);
    }
  }
}
