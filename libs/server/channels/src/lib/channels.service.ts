import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { NotFoundError, ValidationError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import {
  CHANNEL_KIND_LABELS,
  type ChannelKind,
  type ChannelSummary,
  type ConnectChannelRequest,
} from '@carecast/shared/contracts';
import type { AdapterContext, ChannelAdapter, VerifiedAccount } from './channel-adapter';
import { ChannelAdapterRegistry } from './channel-adapter.registry';
import { ChannelCredentialsService } from './channel-credentials.service';
import { ChannelRemovalGuards } from './channel-removal-guards';
import { type AuthError, ChannelError } from './channel-errors';
import { ChannelRepository, type ChannelRecord } from './channel.repository';
import { SharedAccountError } from './shared-account-error';

type OrgContext = AuditContext & { organisationId: string };

const summary = ({ organisationId: _o, settings: _s, ...c }: ChannelRecord): ChannelSummary => c;

/** What the platform verified, and whether another organisation already has that account. */
export interface CheckedAccount {
  verified: VerifiedAccount;
  sharedWithAnotherOrganisation: boolean;
}

/** Connecting, listing, disabling and removing an organisation's channels. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly credentials: ChannelCredentialsService,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly removalGuards: ChannelRemovalGuards,
  ) {}

  async list(organisationId: string): Promise<ChannelSummary[]> {
    return (await this.channels.list(organisationId)).map(summary);
  }

  /**
   * Verify the credentials with the platform first; only then store the channel as connected,
   * its credentials encrypted. A refusal names what is wrong and stores nothing. An account that
   * another organisation has connected needs `confirmSharedAccount` (else 409, nothing stored).
   */
  async connect(ctx: OrgContext, request: ConnectChannelRequest): Promise<ChannelSummary> {
    const checked = await this.check(ctx, request);
    if (checked.sharedWithAnotherOrganisation && request.confirmSharedAccount !== true) {
      throw new SharedAccountError(request.kind);
    }
    return this.connectChecked(ctx, request, checked);
  }

  /**
   * The platform's verdict on the credentials, and whether the account they give is connected in
   * another organisation (and not yet in this one). Stores nothing.
   */
  async check(ctx: OrgContext, request: ConnectChannelRequest): Promise<CheckedAccount> {
    const adapter = this.adapterOf(request.kind);
    let verified: VerifiedAccount;
    try {
      verified = await adapter.verifyCredentials({
        organisationId: ctx.organisationId,
        credentials: request.credentials,
        settings: request.settings ?? {},
      });
    } catch (err) {
      if (!(err instanceof ChannelError)) throw err;
      throw new ValidationError(err.message, [
        { field: 'credentials', rule: err.kind, message: err.message },
      ]);
    }
    return {
      verified,
      sharedWithAnotherOrganisation: await this.sharedWithAnotherOrganisation(
        ctx.organisationId,
        request.kind,
        verified.externalAccountId,
      ),
    };
  }

  /**
   * Whether connecting this platform account here would share it with another organisation: it is
   * connected elsewhere and not yet here (reconnecting an account this organisation has is not).
   */
  async sharedWithAnotherOrganisation(
    organisationId: string,
    kind: ChannelKind,
    externalAccountId: string,
  ): Promise<boolean> {
    return this.channels.wouldBeShared(organisationId, kind, externalAccountId);
  }

  /**
   * Store an account `check` verified (the person confirmed sharing it, where it is shared). The
   * sharing is checked again with the account locked (two organisations connecting it at the same
   * moment take turns), as another organisation may have connected it since `check`.
   */
  async connectChecked(
    ctx: OrgContext,
    request: ConnectChannelRequest,
    { verified }: CheckedAccount,
  ): Promise<ChannelSummary> {
    const adapter = this.adapterOf(request.kind);
    const settings = request.settings ?? {};
    const username = verified.displayName.startsWith('@') ? verified.displayName.slice(1) : undefined;
    return this.db.run(async (tx) => {
      await this.channels.lockAccount(request.kind, verified.externalAccountId, tx);
      const sharedWithAnotherOrganisation = await this.channels.wouldBeShared(
        ctx.organisationId,
        request.kind,
        verified.externalAccountId,
        tx,
      );
      if (sharedWithAnotherOrganisation && request.confirmSharedAccount !== true) {
        throw new SharedAccountError(request.kind);
      }
      const channel = await this.channels.upsert(
        {
          organisationId: ctx.organisationId,
          kind: request.kind,
          displayName: verified.displayName,
          externalAccountId: verified.externalAccountId,
          capabilities: adapter.capabilities,
          settings: { ...settings, ...verified.settings, ...(username ? { username } : {}) },
          connectedBy: ctx.actorUserId,
        },
        tx,
      );
      await this.credentials.store(channel.id, verified.credentials, tx);
      await this.audit.record(
        ctx,
        {
          action: 'channel.connected',
          entityType: 'channel',
          entityId: channel.id,
          after: {
            kind: channel.kind,
            displayName: channel.displayName,
            ...(sharedWithAnotherOrganisation ? { sharedWithAnotherOrganisation: true } : {}),
          },
        },
        tx,
      );
      return summary(channel);
    });
  }

  private adapterOf(kind: ChannelKind): ChannelAdapter {
    if (!this.adapters.kinds().includes(kind)) {
      throw new ValidationError(`${CHANNEL_KIND_LABELS[kind] ?? kind} channels cannot be connected yet.`, [
        {
          field: 'kind',
          rule: 'supportedKind',
          message: `Supported: ${this.adapters.kinds().join(', ')}.`,
        },
      ]);
    }
    return this.adapters.get(kind);
  }

  /**
   * What publishing and monitoring hand to an adapter: the channel's adapter and context, its
   * credentials decrypted, and ways for the adapter to store renewed ones (encrypted again), one
   * worker at a time where the platform rotates them.
   */
  async adapterFor(
    organisationId: string,
    id: string,
  ): Promise<{ adapter: ChannelAdapter; ctx: AdapterContext }> {
    const channel = await this.require(organisationId, id);
    return {
      adapter: this.adapters.get(channel.kind),
      ctx: {
        organisationId,
        channelId: channel.id,
        externalAccountId: channel.externalAccountId,
        settings: channel.settings,
        credentials: await this.credentials.load(channel.id),
        saveCredentials: (renewed) => this.credentials.store(channel.id, renewed),
        renewCredentials: (renew) => this.credentials.renew(channel.id, renew),
      },
    };
  }

  /**
   * A platform refused the channel's credentials while Carecast used them (an expired token, a
   * revoked app): the channel needs reconnecting, and says why in plain words until it is.
   */
  async markNeedsReconnect(organisationId: string, id: string, problem: AuthError): Promise<void> {
    await this.db.run(async (tx) => {
      const before = await this.require(organisationId, id, tx);
      if (before.status === 'disabled') return;
      await this.channels.setStatus(organisationId, id, 'needs_reconnect', problem.message, tx);
      await this.audit.record(
        {
          organisationId,
          actorUserId: null,
          actorLabel: 'system',
          ip: null,
          userAgent: null,
          requestId: null,
        },
        {
          action: 'channel.needs_reconnect',
          entityType: 'channel',
          entityId: id,
          before: { status: before.status },
          after: { status: 'needs_reconnect', lastError: problem.message },
        },
        tx,
      );
    });
  }

  async setEnabled(ctx: OrgContext, id: string, enabled: boolean): Promise<ChannelSummary> {
    return this.db.run(async (tx) => {
      const before = await this.require(ctx.organisationId, id, tx);
      const status = enabled ? 'connected' : 'disabled';
      await this.channels.setStatus(ctx.organisationId, id, status, enabled ? null : before.lastError, tx);
      await this.audit.record(
        ctx,
        {
          action: enabled ? 'channel.enabled' : 'channel.disabled',
          entityType: 'channel',
          entityId: id,
          before: { status: before.status },
          after: { status },
        },
        tx,
      );
      return summary(await this.require(ctx.organisationId, id, tx));
    });
  }

  /**
   * Remove the channel. What refers to it has its say first, in the same transaction (posts that
   * go to it: see ChannelRemovalGuards); a post still pointing at it after that makes the database
   * refuse, answered as a 409.
   */
  async remove(ctx: OrgContext, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const before = await this.require(ctx.organisationId, id, tx, { lock: true });
      await this.removalGuards.run(tx, ctx, before);
      await this.channels.remove(ctx.organisationId, id, tx);
      await this.audit.record(
        ctx,
        {
          action: 'channel.removed',
          entityType: 'channel',
          entityId: id,
          before: { kind: before.kind, displayName: before.displayName },
        },
        tx,
      );
    });
  }

  private async require(
    organisationId: string,
    id: string,
    tx?: Parameters<ChannelRepository['get']>[2],
    options: { lock?: boolean } = {},
  ): Promise<ChannelRecord> {
    const found = await this.channels.get(organisationId, id, tx, options);
    if (!found) throw new NotFoundError('No such channel.');
    return found;
  }
}
