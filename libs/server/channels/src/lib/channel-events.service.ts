import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import {
  type FacebookFeedChange,
  facebookFeedChanges,
  sameVerifyToken,
  storableJson,
  verifyFacebookSignature,
} from './adapters/facebook/facebook-webhook';
import { ChannelEventRepository, type NewChannelEvent } from './channel-event.repository';
import { WebhookRejectedError } from './webhook-rejected-error';

export interface FacebookHandshake {
  mode: string | undefined;
  verifyToken: string | undefined;
  challenge: string | undefined;
}

/** What became of one verified notification. */
export interface WebhookReceipt {
  /** Events stored now (one per change and connected channel). */
  stored: number;
  /** Events already stored by an earlier delivery of the same change. */
  duplicates: number;
  /** Changes about pages no (enabled) channel is connected to: acknowledged, not stored. */
  unknownPages: number;
  /** Changes that are not content (reactions, other fields) or lack an id. */
  ignored: number;
}

const CHALLENGE = /^[\x21-\x7e]{1,256}$/;

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What the platforms push to Carecast: checks that it really comes from them, then stores it as
 * `channel_event` rows for each connected channel, once, for mention ingestion to consume.
 */
@Injectable()
export class ChannelEventsService {
  private readonly logger = new Logger(ChannelEventsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: ChannelEventRepository,
  ) {}

  /** Facebook's subscription check: the challenge to echo when mode and verify token are right. */
  confirmFacebookSubscription(handshake: FacebookHandshake): string {
    const expected = this.config.platforms.facebookWebhookVerifyToken;
    if (!expected) {
      throw new WebhookRejectedError(
        'webhook_not_configured',
        'Facebook webhooks are not set up on this server: set FACEBOOK_WEBHOOK_VERIFY_TOKEN (and the Facebook app).',
      );
    }
    if (handshake.mode !== 'subscribe' || !sameVerifyToken(expected, handshake.verifyToken ?? '')) {
      throw new WebhookRejectedError(
        'verification_failed',
        'The subscription check failed: hub.mode must be "subscribe" and hub.verify_token must be the configured verify token.',
      );
    }
    if (!handshake.challenge || !CHALLENGE.test(handshake.challenge)) {
      throw new WebhookRejectedError('verification_failed', 'hub.challenge is missing or not a plain token.');
    }
    return handshake.challenge;
  }

  /**
   * A Page notification: verified against the exact bytes received with the app secret, then
   * each content change stored for every channel connected to its page. Throws before storing
   * anything when the notification cannot be trusted.
   */
  async receiveFacebookNotification(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<WebhookReceipt> {
    const appSecret = this.config.platforms.facebookApp?.appSecret;
    if (!appSecret) {
      throw new WebhookRejectedError(
        'webhook_not_configured',
        'Facebook webhooks are not set up on this server: set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET.',
      );
    }
    if (!signature) {
      throw new WebhookRejectedError(
        'signature_missing',
        'The X-Hub-Signature-256 header is missing: only notifications signed by the Facebook app are accepted.',
      );
    }
    if (!rawBody?.length) {
      throw new WebhookRejectedError(
        'body_missing',
        'Expected the notification as a JSON body (Content-Type: application/json).',
      );
    }
    if (verifyFacebookSignature(appSecret, rawBody, signature) !== 'valid') {
      throw new WebhookRejectedError(
        'signature_invalid',
        'The X-Hub-Signature-256 signature does not match the body: it was not signed with this app secret, or the body was changed.',
      );
    }
    // Read the bytes that were signed, not anything derived from them; then drop what PostgreSQL
    // cannot store (a NUL in a visitor's text), keeping the event.
    const { changes, skipped } = facebookFeedChanges(storableJson(parseJson(rawBody)));
    return this.store(changes, skipped);
  }

  private async store(changes: FacebookFeedChange[], ignored: number): Promise<WebhookReceipt> {
    const pageIds = [...new Set(changes.map((c) => c.pageId))];
    const targets = await this.events.targetsOf('facebook_page', pageIds);
    const events: NewChannelEvent[] = [];
    let unknownPages = 0;
    for (const change of changes) {
      const channels = targets.filter((t) => t.externalAccountId === change.pageId);
      if (!channels.length) unknownPages += 1;
      for (const channel of channels) {
        events.push({
          organisationId: channel.organisationId,
          channelId: channel.channelId,
          source: 'facebook_webhook',
          item: change.item,
          verb: change.verb,
          externalId: change.externalId,
          changedAt: new Date(change.changedAt * 1000),
          payload: { page_id: change.pageId, time: change.time, field: 'feed', value: change.value },
        });
      }
    }
    const stored = await this.events.insertNew(events);
    const unknown = pageIds.filter((id) => !targets.some((t) => t.externalAccountId === id));
    if (unknown.length) {
      this.logger.warn(
        `Facebook webhook about page(s) ${unknown.join(', ')} that no enabled channel is connected to: acknowledged, not stored.`,
      );
    }
    const receipt = { stored, duplicates: events.length - stored, unknownPages, ignored };
    this.logger.log({ msg: 'Facebook webhook received', ...receipt });
    return receipt;
  }
}
