import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { SessionSummary } from '@carecast/shared/contracts';
import { formatDateTime, type Organisation } from '@carecast/web/shared/util';

/** "Chrome on Windows", from a user-agent string; good enough to recognise one's own devices. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? `${browser} on ${system}` : browser;
}

/** A list of sign-in sessions: device, address, when it started and was last used. */
@Component({
  selector: 'cc-session-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <ul class="sessions">
      @for (s of sessions(); track s.id) {
        <li class="session" [attr.data-session]="s.id">
          <div class="session__what">
            <span class="session__device">
              {{ device(s.userAgent) }}
              @if (s.current) {
                <span class="session__current">This browser</span>
              }
            </span>
            <span class="session__facts">
              {{ s.ip ?? 'Unknown address' }} · signed in {{ time(s.createdAt) }} · last active
              {{ time(s.lastSeenAt) }}
            </span>
          </div>
          @if (canEnd() && !s.current) {
            <button
              mat-stroked-button
              type="button"
              [attr.aria-label]="'Sign out ' + device(s.userAgent) + ', last active ' + time(s.lastSeenAt)"
              [disabled]="ending() === s.id"
              (click)="end.emit(s)"
            >
              Sign out
            </button>
          }
        </li>
      } @empty {
        <li class="session session--none">{{ emptyText() }}</li>
      }
    </ul>
  `,
  styles: `
    .sessions {
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    .session {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px 16px;
      padding: 12px 16px;
    }
    .session + .session {
      border-block-start: 1px solid var(--mat-sys-outline-variant);
    }
    .session__what {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-inline-size: 0;
    }
    .session__device {
      font: var(--mat-sys-title-small);
    }
    .session__current {
      margin-inline-start: 8px;
      padding: 2px 8px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-small);
    }
    .session__facts,
    .session--none {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SessionList {
  readonly sessions = input.required<readonly SessionSummary[]>();
  /** Offer "Sign out" on each session other than this browser's. */
  readonly canEnd = input(false);
  /** The id of the session being ended, to disable its button meanwhile. */
  readonly ending = input<string | null>(null);
  readonly emptyText = input('No active sessions.');
  /** Whose time zone and locale the times are shown in (the page's `ORGANISATION`). */
  readonly organisation = input.required<Organisation>();
  readonly end = output<SessionSummary>();

  protected device(userAgent: string | null): string {
    return describeDevice(userAgent);
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation());
  }
}
