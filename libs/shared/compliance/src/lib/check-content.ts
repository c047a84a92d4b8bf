import type { Finding } from '@carecast/shared/contracts';
import type { CheckContext, CheckOptions, ContentCheckInput } from './check-types';

/**
 * Every check a post can be given without the network (links are resolved by the server).
 * Pure: the same answer in the browser and on the server.
 */
export function checkContent(
  input: ContentCheckInput,
  ctx: CheckContext,
  options: CheckOptions = {},
): Finding[] {
  void input;
  void ctx;
  void options;
  return [];
}
