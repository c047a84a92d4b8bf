import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AuditContext } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { DependencyUnavailableError, SecretBox, ValidationError } from '@carecast/server/core';
import { REDIS_FAST_CLIENT } from '@carecast/server/queue';
import {
  CHANNEL_KIND_LABELS,
  type ChannelConnectOption,
  type ChannelKind,
  type ChooseAccountsResult,
  type OAuthStartResponse,
  type PendingAccountChoice,
} from '@carecast/shared/contracts';
import type { AccountChoice, OAuthConnector } from './channel-adapter';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { ChannelError } from './channel-errors';
import { ChannelsService } from './channels.service';

type OrgContext = AuditContext & { organisationId: string; actorUserId: string };

/** How long a person may take on the platform's sign-in page, and then to choose accounts. */
const AUTHORISATION_TTL_S = 10 * 60;
const CHOICE_TTL_S = 15 * 60;

interface PendingAuthorisation {
  organisationId: string;
  userId: string;
  kind: ChannelKind;
  /** Encrypted: e.g. the PKCE code verifier. */
  secret: string;
}

interface StoredChoice {
  organisationId: string;
  userId: string;
  kind: ChannelKind;
  /** Encrypted JSON of the credentials the sign-in granted. */
  credentials: string;
  choices: AccountChoice[];
}

export interface OAuthCallbackQuery {
  state?: string;
  code?: string;
  error?: string;
  error_description?: string;
}

/** What the sign-in came to: a connected channel, or accounts to choose from. */
export type OAuthOutcome = { connected: string } | { choiceId: string };

/**
 * Connecting a channel through the platform's own sign-in (OAuth): start, come back, and, when
 * the sign-in grants several accounts (Facebook pages), let the person choose. What is in flight
 * lives in Redis for minutes, bound to the person who started it, its secrets encrypted.
 */
@Injectable()
export class ChannelOAuthService {
  constructor(
    private readonly adapters: ChannelAdapterRegistry,
    private readonly channels: ChannelsService,
    private readonly secrets: SecretBox,
    @Inject(REDIS_FAST_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  options(): ChannelConnectOption[] {
    return this.adapters.kinds().map((kind) => ({
      kind,
      label: CHANNEL_KIND_LABELS[kind],
      oauth: this.adapters.get(kind).oauth?.available === true,
    }));
  }

  redirectUri(kind: ChannelKind): string {
    return `${this.config.http.publicUrl.replace(/\/$/, '')}/api/channels/oauth/${kind}/callback`;
  }

  async start(ctx: OrgContext, kind: ChannelKind): Promise<OAuthStartResponse> {
    const connector = this.connector(kind);
    const started = connector.start(this.redirectUri(kind));
    const pending: PendingAuthorisation = {
      organisationId: ctx.organisationId,
      userId: ctx.actorUserId,
      kind,
      secret: this.secrets.encrypt(started.secret, `oauth:${started.state}`),
    };
    await this.store(() =>
      this.redis.set(this.key('state', started.state), JSON.stringify(pending), 'EX', AUTHORISATION_TTL_S),
    );
    return { url: started.url };
  }

  /** The platform sent the person back: exchange the code, then connect or offer the choice. */
  async finish(ctx: OrgContext, kind: ChannelKind, query: OAuthCallbackQuery): Promise<OAuthOutcome> {
    const label = CHANNEL_KIND_LABELS[kind];
    const state = query.state ?? '';
    const raw = state ? await this.store(() => this.redis.getdel(this.key('state', state))) : null;
    const pending = raw ? (JSON.parse(raw) as PendingAuthorisation) : null;
    if (
      !pending ||
      pending.kind !== kind ||
      pending.organisationId !== ctx.organisationId ||
      pending.userId !== ctx.actorUserId
    ) {
      throw refused(
        'state',
        'expired',
        `The sign-in with ${label} took too long or was started elsewhere: start again.`,
      );
    }
    if (query.error) {
      throw refused('code', 'denied', `The sign-in with ${label} was cancelled, so nothing was connected.`);
    }
    if (!query.code) throw refused('code', 'required', `${label} sent no authorisation code: start again.`);
    let grant;
    try {
      grant = await this.connector(kind).finish({
        code: query.code,
        redirectUri: this.redirectUri(kind),
        secret: this.secrets.decrypt(pending.secret, `oauth:${state}`),
      });
    } catch (err) {
      if (err instanceof ChannelError) throw refused('code', err.kind, err.message);
      throw err;
    }
    if (!grant.choices) {
      const channel = await this.channels.connect(ctx, { kind, credentials: grant.credentials });
      return { connected: channel.displayName };
    }
    if (!grant.choices.length) {
      throw refused(
        'code',
        'noAccounts',
        `This ${label.replace(/ .*/, '')} account manages no pages Carecast could connect.`,
      );
    }
    const choiceId = randomBytes(18).toString('base64url');
    const stored: StoredChoice = {
      organisationId: ctx.organisationId,
      userId: ctx.actorUserId,
      kind,
      credentials: this.secrets.encrypt(JSON.stringify(grant.credentials), `oauth-choice:${choiceId}`),
      choices: grant.choices,
    };
    await this.store(() =>
      this.redis.set(this.key('choice', choiceId), JSON.stringify(stored), 'EX', CHOICE_TTL_S),
    );
    return { choiceId };
  }

  async pendingChoice(ctx: OrgContext, choiceId: string): Promise<PendingAccountChoice> {
    const stored = await this.loadChoice(ctx, choiceId);
    return {
      kind: stored.kind,
      choices: stored.choices.map(({ id, name, unavailableReason }) => ({ id, name, unavailableReason })),
    };
  }

  /** Connect the chosen accounts, each verified by the platform; the choice can be used once. */
  async choose(ctx: OrgContext, choiceId: string, ids: string[]): Promise<ChooseAccountsResult> {
    const stored = await this.loadChoice(ctx, choiceId);
    const unknown = ids.filter((id) => !stored.choices.some((c) => c.id === id));
    if (!ids.length || unknown.length) {
      throw new ValidationError('Choose at least one of the accounts offered.', [
        { field: 'ids', rule: 'offeredChoice', message: 'Choose at least one of the accounts offered.' },
      ]);
    }
    await this.store(() => this.redis.del(this.key('choice', choiceId)));
    const credentials = JSON.parse(
      this.secrets.decrypt(stored.credentials, `oauth-choice:${choiceId}`),
    ) as Record<string, string>;
    const result: ChooseAccountsResult = { connected: [], refused: [] };
    for (const choice of stored.choices.filter((c) => ids.includes(c.id))) {
      try {
        result.connected.push(
          await this.channels.connect(ctx, { kind: stored.kind, credentials, settings: choice.settings }),
        );
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        result.refused.push({ id: choice.id, name: choice.name, message: err.message });
      }
    }
    return result;
  }

  private async loadChoice(ctx: OrgContext, choiceId: string): Promise<StoredChoice> {
    const raw = await this.store(() => this.redis.get(this.key('choice', choiceId)));
    const stored = raw ? (JSON.parse(raw) as StoredChoice) : null;
    if (!stored || stored.organisationId !== ctx.organisationId || stored.userId !== ctx.actorUserId) {
      throw refused('choiceId', 'expired', 'This choice of accounts has expired: connect again.');
    }
    return stored;
  }

  private connector(kind: ChannelKind): OAuthConnector {
    const connector = this.adapters.kinds().includes(kind) ? this.adapters.get(kind).oauth : undefined;
    if (!connector?.available) {
      throw refused(
        'kind',
        'oauthUnavailable',
        `Signing in with ${CHANNEL_KIND_LABELS[kind] ?? kind} is not configured here.`,
      );
    }
    return connector;
  }

  /** Sign-ins in flight live in Redis: while it is away, say so rather than fail obscurely. */
  private async store<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw new DependencyUnavailableError(
        `Connecting with a platform's sign-in is unavailable for a moment (${(err as Error).message}); try again shortly.`,
      );
    }
  }

  private key(type: 'state' | 'choice', id: string): string {
    return `${this.config.redis.prefix}:channel-oauth:${type}:${id}`;
  }
}

function refused(field: string, rule: string, message: string): ValidationError {
  return new ValidationError(message, [{ field, rule, message }]);
}
