import { ConflictError } from '@carecast/server/core';
import type { PersonRef } from '@carecast/shared/contracts';

/**
 * An edit made on a revision that is no longer the latest: someone else saved the post in the
 * meantime (409). Nothing was saved; the message says who saved which revision, and when.
 */
export class StaleRevisionError extends ConflictError {
  constructor(
    readonly basedOn: number,
    readonly current: number,
    readonly savedBy: PersonRef | null,
    readonly savedAt: string,
  ) {
    super(
      `${savedBy ? savedBy.name : 'Someone'} saved this post (revision ${current}) at ${savedAt} while you ` +
        `were editing revision ${basedOn}. Your changes were not saved: reload the post, then make them again.`,
    );
  }
}
