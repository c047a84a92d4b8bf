import type { Finding } from '@carecast/shared/contracts';
import type { CheckContext, ReplyCheckOptions } from './check-types';
import { claimFindings } from './claims/unsupported-claims';
import { lengthFindings } from './length/platform-length';
import { organisationDetails } from './phi/organisation-details';
import { phiFindings } from './phi/phi-check';
import { replyGuardFindings } from './reply/reply-guard';
import { dedupeFindings } from './text/finding';
import { capFindings } from './text/finding-cap';

/**
 * A public reply: identifiers (as in a post, but any address or number not the practice's own
 * counts), the reply guard — a reply must never confirm or imply that someone is a patient — and
 * unsupported claims; the platform's length when the channel is known.
 */
export function checkReply(text: string, ctx: CheckContext, options: ReplyCheckOptions = {}): Finding[] {
  const field = options.field ?? 'reply.text';
  const org = organisationDetails(ctx.organisation);
  const out = [
    ...phiFindings({ field, text, reply: true }, org),
    ...replyGuardFindings(field, text, ctx.organisation),
    ...claimFindings(field, text),
  ];
  if (options.channel)
    out.push(...lengthFindings({ field, text, channel: options.channel, link: null, disclosures: [] }));
  return capFindings(dedupeFindings(out).sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1)));
}
