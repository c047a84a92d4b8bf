import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditContext } from '@carecast/server/audit';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { ConflictError, SecretBox, ValidationError } from '@carecast/server/core';
import {
  CHANNEL_KIND_LABELS,
  type ChannelConnectOption,
  type ChannelKind,
  type ChooseAccountsResult,
  type OAuthStartResponse,
  type PendingAccountChoice,
} from '@carecast/shared/contracts';
import type { ChannelCredentials, OAuthConnector } from './channel-adapter';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { ChannelError } from './channel-errors';
import { ChannelsService } from './channels.service';
import { type OfferedAccount, type PendingChoice, PendingOAuthStore } from './pending-oauth.store';
import { SharedAccountError } from './shared-account-error';

type OrgContext = AuditContext & { organisationId: string; actorUserId: string };

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
    private readonly pending: PendingOAuthStore,
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
    await this.pending.saveAuthorisation(started.state, {
      organisationId: ctx.organisationId,
      userId: ctx.actorUserId,
      kind,
      secret: this.secrets.encrypt(started.secret, `oauth:${started.state}`),
    });
    return { url: started.url };
  }

  /** The platform sent the person back: exchange the code, then connect or offer the choice. */
  async finish(ctx: OrgContext, kind: ChannelKind, query: OAuthCallbackQuery): Promise<OAuthOutcome> {
    const label = CHANNEL_KIND_LABELS[kind];
    const state = query.state ?? '';
    const pending = await this.pending.takeAuthorisation(state);
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
    if (!grant.choices) return this.connectGranted(ctx, kind, grant.credentials);
    if (!grant.choices.length) {
      throw refused(
        'code',
        'noAccounts',
        `This ${label.replace(/ .*/, '')} account manages no pages Carecast could connect.`,
      );
    }
    const offered: OfferedAccount[] = [];
    for (const choice of grant.choices) {
      offered.push({
        ...choice,
        sharedWithAnotherOrganisation: await this.channels.sharedWithAnotherOrganisation(
          ctx.organisationId,
          kind,
          choice.id,
        ),
      });
    }
    return { choiceId: await this.offer(ctx, kind, grant.credentials, offered) };
  }

  async pendingChoice(ctx: OrgContext, choiceId: string): Promise<PendingAccountChoice> {
    const stored = owned(ctx, await this.pending.readChoice(choiceId));
    return {
      kind: stored.kind,
      choices: stored.choices.map(({ id, name, unavailableReason, sharedWithAnotherOrganisation }) => ({
        id,
        name,
        unavailableReason,
        sharedWithAnotherOrganisation,
      })),
    };
  }

  /**
   * Connect the chosen accounts, each verified by the platform; the choice can be used once.
   * Choosing an account another organisation has connected needs `confirmSharedAccount` (409
   * otherwise, and the choice stays for the confirmation). An account another organisation
   * connected only after it was offered is kept in the choice, marked shared, for the same
   * confirmation: 409 when nothing was connected, else it is among the refused.
   */
  async choose(
    ctx: OrgContext,
    choiceId: string,
    ids: string[],
    confirmSharedAccount = false,
  ): Promise<ChooseAccountsResult> {
    const offered = owned(ctx, await this.pending.readChoice(choiceId));
    const unknown = ids.filter((id) => !offered.choices.some((c) => c.id === id));
    if (!ids.length || unknown.length) {
      throw new ValidationError('Choose at least one of the accounts offered.', [
        { field: 'ids', rule: 'offeredChoice', message: 'Choose at least one of the accounts offered.' },
      ]);
    }
    const chosen = offered.choices.filter((c) => ids.includes(c.id));
    if (!confirmSharedAccount && chosen.some((c) => c.sharedWithAnotherOrganisation)) {
      throw new SharedAccountError(offered.kind);
    }
    // Used up here, atomically: a second submit of the same choice finds it gone.
    const stored = owned(ctx, await this.pending.takeChoice(choiceId));
    const credentials = JSON.parse(
      this.secrets.decrypt(stored.credentials, `oauth-choice:${choiceId}`),
    ) as ChannelCredentials;
    const result: ChooseAccountsResult = { connected: [], refused: [] };
    const sharedSince: OfferedAccount[] = [];
    for (const choice of stored.choices.filter((c) => ids.includes(c.id))) {
      try {
        result.connected.push(
          await this.channels.connect(ctx, {
            kind: stored.kind,
            credentials,
            settings: choice.settings,
            confirmSharedAccount,
          }),
        );
      } catch (err) {
        if (err instanceof SharedAccountError)
          sharedSince.push({ ...choice, sharedWithAnotherOrganisation: true });
        else if (!(err instanceof ValidationError) && !(err instanceof ConflictError)) throw err;
        result.refused.push({ id: choice.id, name: choice.name, message: (err as Error).message });
      }
    }
    if (sharedSince.length) {
      // Offered as not shared, so the person was never asked: keep them for the confirmation.
      await this.pending.saveChoice(choiceId, { ...stored, choices: sharedSince });
      if (!result.connected.length) throw new SharedAccountError(stored.kind);
    }
    return result;
  }

  /**
   * A sign-in that grants one account (X): connect it, unless another organisation has it
   * connected; then it is offered as a choice, so the person sees the warning and confirms.
   */
  private async connectGranted(
    ctx: OrgContext,
    kind: ChannelKind,
    credentials: ChannelCredentials,
  ): Promise<OAuthOutcome> {
    const request = { kind, credentials };
    const checked = await this.channels.check(ctx, request);
    if (!checked.sharedWithAnotherOrganisation) {
      try {
        return { connected: (await this.channels.connectChecked(ctx, request, checked)).displayName };
      } catch (err) {
        // Another organisation connected it a moment ago: offer it with the warning after all.
        if (!(err instanceof SharedAccountError)) throw err;
      }
    }
    const account: OfferedAccount = {
      id: checked.verified.externalAccountId,
      name: checked.verified.displayName,
      unavailableReason: null,
      settings: {},
      sharedWithAnotherOrganisation: true,
    };
    return { choiceId: await this.offer(ctx, kind, credentials, [account]) };
  }

  private async offer(
    ctx: OrgContext,
    kind: ChannelKind,
    credentials: ChannelCredentials,
    choices: OfferedAccount[],
  ): Promise<string> {
    const choiceId = randomBytes(18).toString('base64url');
    await this.pending.saveChoice(choiceId, {
      organisationId: ctx.organisationId,
      userId: ctx.actorUserId,
      kind,
      credentials: this.secrets.encrypt(JSON.stringify(credentials), `oauth-choice:${choiceId}`),
      choices,
    });
    return choiceId;
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
}

/** The choice, if it exists and belongs to this person in this organisation. */
function owned(ctx: OrgContext, stored: PendingChoice | null): PendingChoice {
  if (!stored || stored.organisationId !== ctx.organisationId || stored.userId !== ctx.actorUserId) {
    throw refused('choiceId', 'expired', 'This choice of accounts has expired: connect again.');
  }
  return stored;
}

function refused(field: string, rule: string, message: string): ValidationError {
  return new ValidationError(message, [{ field, rule, message }]);
}
