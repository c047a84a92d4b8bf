import { ChangeDetectionStrategy, Component } from '@angular/core';

interface KindHelp {
  name: string;
  does: string;
}

const KINDS: readonly KindHelp[] = [
  { name: 'Facebook Pages', does: 'Publishes posts to your Pages and brings in comments on them.' },
  { name: 'X', does: 'Publishes posts and brings in replies and mentions of your account.' },
  {
    name: 'Carecast blog',
    does: 'A blog Carecast hosts for your practice, with feeds and moderated comments.',
  },
  { name: 'WordPress blog', does: "Publishes longer articles and notices to your practice's own website." },
];

/** What each kind of channel does, for an organisation that has none yet. */
@Component({
  selector: 'cc-channel-kinds',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="channels__heading">What each channel does</h2>
    <ul class="channels__kinds">
      @for (kind of kinds; track kind.name) {
        <li>
          <strong>{{ kind.name }}</strong>
          <span>{{ kind.does }}</span>
        </li>
      }
    </ul>
  `,
  styleUrl: './channel-kinds.scss',
})
export class ChannelKinds {
  protected readonly kinds = KINDS;
}
