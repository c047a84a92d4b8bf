import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Query,
  type RawBodyRequest,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ChannelEventsService,
  FACEBOOK_SIGNATURE_HEADER,
  type WebhookReceipt,
  type WebhookRejection,
  WebhookRejectedError,
} from '@carecast/server/channels';
import { Public } from '../identity/access';

const STATUS_OF: Record<WebhookRejection, number> = {
  webhook_not_configured: HttpStatus.NOT_FOUND,
  verification_failed: HttpStatus.FORBIDDEN,
  signature_missing: HttpStatus.UNAUTHORIZED,
  signature_invalid: HttpStatus.FORBIDDEN,
  body_missing: HttpStatus.BAD_REQUEST,
};

/** A refusal of the service as the API's one error shape, with the reason as `error`. */
async function answering<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof WebhookRejectedError)) throw err;
    throw new HttpException({ error: err.reason, message: err.message }, STATUS_OF[err.reason]);
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Receivers of platform webhooks. Public (the platforms have no session): each request proves
 * its origin instead, Facebook's with the verify token (handshake) or the app-secret signature.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks/facebook')
export class FacebookWebhooksController {
  constructor(private readonly events: ChannelEventsService) {}

  @Get()
  @ApiOperation({
    summary: "Facebook's subscription check: answers hub.challenge as text when the verify token matches.",
    description:
      'Facebook calls this once when the webhook is set up in the app (callback URL `PUBLIC_URL/api/webhooks/facebook`, ' +
      'verify token `FACEBOOK_WEBHOOK_VERIFY_TOKEN`).',
  })
  @ApiQuery({ name: 'hub.mode', type: String, example: 'subscribe' })
  @ApiQuery({
    name: 'hub.verify_token',
    type: String,
    description: 'Must equal FACEBOOK_WEBHOOK_VERIFY_TOKEN.',
  })
  @ApiQuery({ name: 'hub.challenge', type: String, example: '1158201444' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The challenge, as text/plain.', schema: { type: 'string' } })
  @ApiForbiddenResponse({ description: '`verification_failed`: wrong mode or verify token.' })
  @ApiNotFoundResponse({ description: '`webhook_not_configured`: no verify token is configured.' })
  async verify(
    @Query('hub.mode') mode: unknown,
    @Query('hub.verify_token') verifyToken: unknown,
    @Query('hub.challenge') challenge: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const echoed = await answering(() =>
      this.events.confirmFacebookSubscription({
        mode: text(mode),
        verifyToken: text(verifyToken),
        challenge: text(challenge),
      }),
    );
    res.type('text/plain');
    return echoed;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Facebook Page `feed` notifications, signed with the app secret.',
    description:
      'Verifies `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with FACEBOOK_APP_SECRET) before anything else. ' +
      'Each content change (comments, visitor posts; not reactions) is stored once per channel connected to the page ' +
      '(any organisation) as a channel event: a redelivery of the same change is recognised and not stored again. ' +
      'Changes about pages no channel is connected to are acknowledged and dropped. The stored events are what mention ' +
      'ingestion consumes; they include comments by the page itself (`from.id` equal to the page id), which it should skip. ' +
      'Answers 200 as soon as the events are stored.',
  })
  @ApiHeader({ name: 'X-Hub-Signature-256', description: '`sha256=<hex HMAC>`', required: true })
  @ApiOkResponse({
    description:
      'Accepted: how many events were stored now, were already stored, or were about unknown pages or not content.',
    schema: {
      type: 'object',
      properties: {
        stored: { type: 'integer' },
        duplicates: { type: 'integer' },
        unknownPages: { type: 'integer' },
        ignored: { type: 'integer' },
      },
    },
  })
  @ApiBadRequestResponse({
    description: '`body_missing` or `invalid_json`: the body is not JSON; nothing stored.',
  })
  @ApiUnauthorizedResponse({
    description: '`signature_missing`: no X-Hub-Signature-256 header; nothing stored.',
  })
  @ApiForbiddenResponse({
    description: '`signature_invalid`: the signature does not match the body; nothing stored.',
  })
  @ApiNotFoundResponse({ description: '`webhook_not_configured`: no Facebook app secret is configured.' })
  receive(
    @Req() req: RawBodyRequest<Request>,
    @Headers(FACEBOOK_SIGNATURE_HEADER) signature: string | undefined,
  ): Promise<WebhookReceipt> {
    return answering(() => this.events.receiveFacebookNotification(req.rawBody, signature));
  }
}
