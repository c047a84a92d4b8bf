import { Injectable } from '@nestjs/common';
import type { Tx } from '@carecast/server/database';
import type { PostState } from '@carecast/shared/contracts';

/** A post that has just been approved, as publishing needs to pick it up. */
export interface ApprovedPost {
  organisationId: string;
  postId: string;
  /** `approved` (publish as soon as possible) or `scheduled` (at `scheduledAt`). */
  state: PostState;
  revision: number;
  contentHash: string;
  scheduledAt: Date | null;
  /** Approved on the emergency fast path (publish at once). */
  fastTrack: boolean;
}

/**
 * The seam between review and publishing: called in the approving transaction, once a post is
 * approved or scheduled, so publishing can create its targets in the same transaction
 * (architecture.md, "The publishing flow", step 1). Publishing provides the implementation in
 * place of this one; until then an approved post waits in its state.
 */
@Injectable()
export class PublishHandoff {
  async approved(_tx: Tx, _post: ApprovedPost): Promise<void> {
    // Nothing publishes yet: the publishing library takes over here.
  }
}
