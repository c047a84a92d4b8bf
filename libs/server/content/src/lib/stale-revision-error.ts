import { ConflictError } from '@carecast/server/core';
import type { PersonRef } from '@carecast/shared/contracts';

/**
 * An edit made on a revision that is no longer the latest: someone else saved the post in the
 * meantime (409). Nothing was saved; the message says who saved which revision (`savedAt` says when).
 */
export class StaleRevisionError extends ConflictError {
  constructor(
    readonly basedOn: number,
    readonly current: number,
    readonly savedBy: PersonRef | null,
    readonly savedAt: string,
    /** The newer revision is the same person's (another window or device). */
    readonly savedByYou = false,
  ) {
    super(
      `${savedByYou ? 'You' : savedBy ? savedBy.name : 'Someone'} saved a newer version of this post ` +
        `(revision ${current})${savedByYou ? ' in another window' : ''} while you ` +
        `were editing revision ${basedOn}. Your changes were not saved: reload the post to see theirs, then make yours again.`,
    );
  }
}
