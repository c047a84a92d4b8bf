/** Why a webhook request was refused; nothing of it was stored. */
export type WebhookRejection =
  /** This server has no app secret or verify token for the platform. */
  | 'webhook_not_configured'
  /** The handshake's mode or verify token is not what we expect. */
  | 'verification_failed'
  /** A notification without its signature header. */
  | 'signature_missing'
  /** A signature that is malformed or does not match the bytes received. */
  | 'signature_invalid'
  /** A notification without a JSON body to check. */
  | 'body_missing';

/** A webhook request refused before anything was stored; the api maps `reason` to a status. */
export class WebhookRejectedError extends Error {
  constructor(
    readonly reason: WebhookRejection,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejectedError';
  }
}
