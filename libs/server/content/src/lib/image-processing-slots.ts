import { DependencyUnavailableError } from '@carecast/server/core';

/** Seconds a refused upload is told to wait before trying again (an image takes about one). */
const RETRY_AFTER_SECONDS = 5;

/**
 * At most `maxActive` images decoded at once in this process (each can take a few hundred MB
 * while it is worked on), further ones waiting their turn in a queue of at most `maxWaiting`;
 * beyond that an upload is refused as busy (503 with Retry-After) rather than piling up.
 */
export class ImageProcessingSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly maxActive: number,
    readonly maxWaiting: number,
  ) {}

  /** How many jobs are waiting for a place. */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.queue.length >= this.maxWaiting)
        throw new DependencyUnavailableError(
          'Many images are being prepared right now. Please try the upload again in a few seconds.',
          RETRY_AFTER_SECONDS,
        );
      // The place is handed over by the job that finishes (see below), so `active` stays counted.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await job();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
