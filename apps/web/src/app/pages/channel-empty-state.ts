import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { EmptyStateCopy } from '@carecast/web/channels/data-access';
import { EmptyState, type IconName } from '@carecast/web/ui';

/**
 * What a page listing channel content shows while it has nothing: its empty state with the links
 * the person may follow (the first one the main one), or a loading bar while the channels are
 * still being read (`copy` null).
 */
@Component({
  selector: 'cc-channel-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, EmptyState],
  template: `
    @if (copy(); as copy) {
      <cc-empty-state [icon]="icon()" [heading]="copy.heading" [text]="copy.text">
        @for (action of copy.actions; track action.label; let first = $first) {
          <a
            [matButton]="first ? 'filled' : 'outlined'"
            [routerLink]="action.link"
            [queryParams]="action.queryParams"
            >{{ action.label }}</a
          >
        }
      </cc-empty-state>
    } @else {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
    }
  `,
})
export class ChannelEmptyState {
  readonly copy = input.required<EmptyStateCopy | null>();
  readonly icon = input.required<IconName>();
  /** What a screen reader hears while the channels are read, e.g. "Loading the inbox". */
  readonly loadingLabel = input.required<string>();
}
