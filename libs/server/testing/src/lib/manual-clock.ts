import { Clock } from '@carecast/server/core';

/** A clock that stands still until a test moves it: provide it in place of the system clock. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date | string = '2026-03-02T09:00:00.000Z') {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}
