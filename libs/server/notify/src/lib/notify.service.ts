import { Injectable } from '@nestjs/common';
import type { Tx } from '@carecast/server/database';
import type { NotifyInput, NotifyResult } from './notify.types';

/** In-app notifications and emails, each per the recipient's preferences. */
@Injectable()
export class NotifyService {
  /**
   * Notify the recipients of `input`: an in-app notification for each who wants one, written in
   * `tx` when given (so it exists only if the caller's change commits), and an email for each
   * who wants one, sent once the notification is committed.
   */
  async notify(_tx: Tx | null, _input: NotifyInput): Promise<NotifyResult> {
    throw new Error('not implemented');
  }
}
