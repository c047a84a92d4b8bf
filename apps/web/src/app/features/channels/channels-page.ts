import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

interface ChannelKind {
  name: string;
  does: string;
}

@Component({
  selector: 'cc-channels-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyState],
  template: `
    <div class="page">
      <header class="page__header">
        <h1 class="page__title">Channels</h1>
        <p class="page__lead">The accounts Carecast publishes to and watches for mentions.</p>
      </header>
      <cc-empty-state
        icon="channels"
        heading="No channels connected"
        text="Connect your practice's Facebook Pages, its X account and its blog so Carecast can publish your posts and bring patient comments into the Inbox. Whoever manages those accounts signs in to each one once to connect it."
      />
      <h2 class="channels__heading">What each channel does</h2>
      <ul class="channels__list">
        @for (kind of kinds; track kind.name) {
          <li>
            <strong>{{ kind.name }}</strong>
            <span>{{ kind.does }}</span>
          </li>
        }
      </ul>
    </div>
  `,
  styles: `
    .channels__heading {
      margin: 32px 0 12px;
      font: var(--mat-sys-title-medium);
    }
    .channels__list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    strong {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class ChannelsPage {
  protected readonly kinds: readonly ChannelKind[] = [
    { name: 'Facebook Pages', does: 'Publishes posts to your Pages and brings in comments on them.' },
    { name: 'X', does: 'Publishes posts and brings in replies and mentions of your account.' },
    { name: 'Blog', does: "Publishes longer articles and notices to your practice's website." },
  ];
}
