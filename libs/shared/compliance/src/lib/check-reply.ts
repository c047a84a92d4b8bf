import type { Finding } from '@carecast/shared/contracts';
import type { CheckContext, ReplyCheckOptions } from './check-types';

/**
 * A public reply: identifiers (as for a post) and the reply guard — a reply must never confirm
 * or imply that someone is a patient.
 */
export function checkReply(text: string, ctx: CheckContext, options: ReplyCheckOptions = {}): Finding[] {
  void text;
  void ctx;
  void options;
  return [];
}
