import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { auditActionLabel } from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { PostReviewStore } from '@carecast/web/review/data-access';
import { formatDateTime } from '@carecast/web/shared/util';
import { Notice } from '@carecast/web/ui';

/** The audit entries about this post, newest first (for people who may read the audit log). */
@Component({
  selector: 'cc-audit-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, Notice],
  template: `
    @switch (store.audit().state) {
      @case ('failed') {
        <cc-notice tone="error" role="alert"
          ><p>Could not load the audit entries. {{ $any(store.audit()).message }}</p></cc-notice
        >
      }
      @case ('ready') {
        @let entries = $any(store.audit()).value;
        @if (entries.length === 0) {
          <p class="muted">No audit entries about this post yet.</p>
        } @else {
          <ol class="entries" aria-label="Audit entries about this post, newest first">
            @for (entry of entries; track entry.id) {
              <li class="entry">
                <span class="entry__action" [title]="entry.action">{{ label(entry.action) }}</span>
                <span class="entry__meta"
                  >{{ entry.actorLabel }} · <time [attr.datetime]="entry.at">{{ time(entry.at) }}</time> ·
                  entry #{{ entry.seq }}</span
                >
              </li>
            }
          </ol>
        }
        <p class="more">
          The full record, with what changed and the hashes:
          <a routerLink="/audit" [queryParams]="{ entityType: 'post', entityId: store.postId() }"
            >this post in the audit log</a
          >.
        </p>
      }
      @default {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the audit entries" />
      }
    }
  `,
  styles: `
    .muted,
    .more {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .more {
      margin-block-start: 12px;
      overflow-wrap: anywhere;
    }
    .entries {
      display: grid;
      gap: 4px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 6px 0;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .entry__action {
      font: var(--mat-sys-label-large);
    }
    .entry__meta {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AuditPanel {
  protected readonly store = inject(PostReviewStore);
  private readonly organisation = inject(ORGANISATION);

  constructor() {
    void this.store.read('audit');
  }

  protected label(code: string): string {
    return auditActionLabel(code);
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }
}
