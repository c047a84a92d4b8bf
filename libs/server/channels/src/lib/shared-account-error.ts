import { ConflictError } from '@carecast/server/core';
import { CHANNEL_KIND_LABELS, type ChannelKind } from '@carecast/shared/contracts';

/**
 * The platform account is already connected to another organisation and the person has not
 * confirmed connecting it here as well (409). The message never names the other organisation.
 */
export class SharedAccountError extends ConflictError {
  constructor(readonly kind: ChannelKind) {
    super(sharedAccountWarning(kind));
  }
}

/** Said when an account is already connected elsewhere; never names the other organisation. */
export function sharedAccountWarning(kind: ChannelKind): string {
  const what = kind === 'facebook_page' ? 'Facebook Page' : (CHANNEL_KIND_LABELS[kind] ?? 'account');
  return (
    `This ${what} is already connected to another organisation in Carecast. ` +
    'Connect it here as well only if both really publish to it: posting to the wrong practice is a real risk. ' +
    'Confirm to connect it anyway.'
  );
}
