import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { NOTIFICATION_PREFERENCES_PATH, type NotificationSummary } from '@carecast/shared/contracts';
import { AuthStore, ORGANISATION } from '@carecast/web/core';
import { NotificationsStore } from '@carecast/web/notifications/data-access';
import { formatAge, formatDateTime } from '@carecast/web/shared/util';
import { Icon } from '@carecast/web/ui/icon';

/** The badge shows at most this; more reads "99+". */
const BADGE_MAX = 99;

/**
 * The bell in the toolbar: how many of the person's notifications are unread, kept live, and a
 * panel with the newest ones (each a link to what it is about, marked read when followed), a
 * way to mark them all read and the way to the notification settings. New ones are announced to
 * screen readers as they arrive.
 */
@Component({
  selector: 'cc-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDividerModule, MatMenuModule, RouterLink, Icon],
  template: `
    <button
      mat-icon-button
      type="button"
      class="bell"
      [matMenuTriggerFor]="panel"
      (menuOpened)="store.loadRecent()"
      [attr.aria-label]="label()"
    >
      <cc-icon name="notifications" />
      @if (store.unread() > 0) {
        <span class="bell__badge" aria-hidden="true">{{ badge() }}</span>
      }
    </button>
    <span class="cc-visually-hidden" aria-live="polite">{{ announcement() }}</span>

    <mat-menu #panel="matMenu" xPosition="before" class="cc-notifications-menu">
      <p class="panel__title">Notifications</p>
      @switch (store.recent().state) {
        @case ('failed') {
          <p class="panel__note">Your notifications could not be loaded. {{ failure() }}</p>
          <button mat-menu-item type="button" (click)="$event.stopPropagation(); store.loadRecent()">
            <cc-icon matMenuItemIcon name="refresh" />
            <span>Try again</span>
          </button>
        }
        @case ('ready') {
          @for (n of store.items(); track n.id) {
            <a
              mat-menu-item
              class="item"
              [class.item--unread]="!n.readAt"
              [routerLink]="n.link"
              (click)="store.markRead(n.id)"
            >
              <span class="item__text">
                <span class="item__title">
                  @if (!n.readAt) {
                    <span class="item__dot" aria-hidden="true"></span>
                    <span class="cc-visually-hidden">Unread: </span>
                  }
                  {{ n.title }}
                </span>
                @if (n.body) {
                  <span class="item__body">{{ n.body }}</span>
                }
                <span class="item__meta">
                  {{ n.actor ? n.actor.name + ' · ' : '' }}
                  <time [attr.datetime]="n.createdAt" [attr.title]="fullTime(n)">{{ age(n) }}</time>
                </span>
              </span>
            </a>
          } @empty {
            <p class="panel__note">
              No notifications yet. Reviews, approvals and comments on your posts show up here.
            </p>
          }
        }
        @default {
          <p class="panel__note" role="status">Loading your notifications…</p>
        }
      }
      @if (store.actionError(); as error) {
        <p class="panel__note panel__note--error" role="alert">{{ error }}</p>
      }
      <mat-divider />
      <button
        mat-menu-item
        type="button"
        [disabled]="store.unread() === 0"
        (click)="$event.stopPropagation(); store.markAllRead()"
      >
        <cc-icon matMenuItemIcon name="doneAll" />
        <span>Mark all as read</span>
      </button>
      <a mat-menu-item [routerLink]="preferencesPath">
        <cc-icon matMenuItemIcon name="settings" />
        <span>Notification settings</span>
      </a>
    </mat-menu>
  `,
  styles: `
    :host {
      display: inline-flex;
      position: relative;
    }
    /* The panel is drawn in an overlay: wider than a menu's 280 px, never wider than the screen. */
    ::ng-deep .cc-notifications-menu.mat-mdc-menu-panel {
      inline-size: min(360px, calc(100vw - 16px));
      max-inline-size: none;
    }
    ::ng-deep .cc-notifications-menu .item .mat-mdc-menu-item-text {
      flex: 1;
      min-inline-size: 0;
    }
    .bell {
      position: relative;
    }
    .bell__badge {
      position: absolute;
      inset-block-start: 4px;
      inset-inline-end: 2px;
      min-inline-size: 18px;
      block-size: 18px;
      padding-inline: 4px;
      box-sizing: border-box;
      border-radius: 9px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font: var(--mat-sys-label-small);
      font-weight: 700;
      line-height: 18px;
      text-align: center;
      pointer-events: none;
    }
    .panel__title {
      margin: 8px 16px 4px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
    .panel__note {
      margin: 8px 16px 12px;
      max-inline-size: 320px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .panel__note--error {
      color: var(--mat-sys-error);
    }
    .item {
      block-size: auto;
      min-block-size: 64px;
      padding-block: 8px;
    }
    .item__text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-inline-size: 0;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .item__title {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface);
    }
    .item--unread .item__title {
      font-weight: 600;
    }
    .item__dot {
      display: inline-block;
      inline-size: 8px;
      block-size: 8px;
      margin-inline-end: 6px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      vertical-align: middle;
    }
    .item__body {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .item__meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    [matMenuItemIcon] {
      --cc-icon-size: 24px;
      margin-inline-end: 16px;
    }
  `,
})
export class NotificationBell {
  protected readonly store = inject(NotificationsStore);
  private readonly auth = inject(AuthStore);
  private readonly organisation = inject(ORGANISATION);
  protected readonly preferencesPath = NOTIFICATION_PREFERENCES_PATH;

  protected readonly badge = computed(() => {
    const unread = this.store.unread();
    return unread > BADGE_MAX ? `${BADGE_MAX}+` : String(unread);
  });
  protected readonly label = computed(() => {
    const unread = this.store.unread();
    return unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  });
  protected readonly announcement = computed(() => {
    const latest = this.store.latest();
    return latest ? `New notification: ${latest.title}` : '';
  });
  protected readonly failure = computed(() => {
    const recent = this.store.recent();
    return recent.state === 'failed' ? recent.message : '';
  });

  constructor() {
    // One stream per organisation: switching organisation closes it and opens the new one's.
    effect((onCleanup) => {
      if (!this.auth.organisation()?.id) return;
      const release = untracked(() => this.store.watch());
      onCleanup(release);
    });
  }

  protected age(n: NotificationSummary): string {
    return formatAge((Date.now() - new Date(n.createdAt).getTime()) / 1000);
  }

  protected fullTime(n: NotificationSummary): string {
    return formatDateTime(n.createdAt, this.organisation);
  }
}
