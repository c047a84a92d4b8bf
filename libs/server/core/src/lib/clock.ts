import { Injectable } from '@nestjs/common';

/** The time source of every service, so tests control time. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
