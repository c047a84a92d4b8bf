import { ConflictError } from '@carecast/server/core';
import { POST_STATE_LABELS, type PostState } from '@carecast/shared/contracts';

/** The post is past editing (publishing, published, failed or cancelled): 409, nothing saved. */
export class PostNotEditableError extends ConflictError {
  constructor(readonly state: PostState) {
    super(
      `This post can no longer be edited: it is ${POST_STATE_LABELS[state].toLowerCase()}. ` +
        'Copy its text into a new post instead.',
    );
  }
}
