import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  APPROVAL_DECISION_LABELS,
  ROLE_LABELS,
  type ApprovalPath,
  type ApprovalRecord,
  type Role,
} from '@carecast/shared/contracts';
import { ORGANISATION } from '@carecast/web/core';
import { PostReviewStore } from '@carecast/web/review/data-access';
import { fieldLabel } from '@carecast/web/review/ui';
import { formatDateTime } from '@carecast/web/shared/util';
import { Notice } from '@carecast/web/ui';

const PATH_LABELS: Record<ApprovalPath, string> = {
  standard: 'Review',
  outside: 'Outside approver’s link',
  fast_track: 'Emergency fast path',
};

/** The short form of a content hash, as shown: its first 12 hex digits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * The approval record of the post: each decision with who made it and how, when, the comment,
 * the content it was about (revision and hash), and the findings and overrides at that time.
 */
@Component({
  selector: 'cc-approvals-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressBarModule, Notice],
  templateUrl: './approvals-panel.html',
  styleUrl: './approvals-panel.scss',
})
export class ApprovalsPanel {
  protected readonly store = inject(PostReviewStore);
  private readonly organisation = inject(ORGANISATION);

  protected readonly shortHash = shortHash;

  constructor() {
    void this.store.read('approvals');
  }

  protected decision(record: ApprovalRecord): string {
    return APPROVAL_DECISION_LABELS[record.decision];
  }

  protected path(record: ApprovalRecord): string {
    return PATH_LABELS[record.path];
  }

  protected approver(record: ApprovalRecord): string {
    const a = record.approver;
    if (a.kind === 'outside') return `${a.name} (outside approver, ${a.email})`;
    const roles = record.approverRoles.map((r: Role) => ROLE_LABELS[r]).join(', ');
    return roles ? `${a.name} (${roles})` : a.name;
  }

  protected where(field: string): string {
    return fieldLabel(field, this.store.post()?.variants ?? []);
  }

  protected time(iso: string): string {
    return formatDateTime(iso, this.organisation);
  }
}
