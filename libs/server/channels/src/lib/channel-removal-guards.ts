import { Injectable } from '@nestjs/common';
import type { AuditContext } from '@carecast/server/audit';
import type { Tx } from '@carecast/server/database';
import type { ChannelKind } from '@carecast/shared/contracts';

/** The channel about to be removed, as the guards see it. */
export interface ChannelBeingRemoved {
  organisationId: string;
  id: string;
  kind: ChannelKind;
  displayName: string;
}

/**
 * Run inside the removal's transaction before the channel is deleted: throws a domain error
 * (a ConflictError: 409) to refuse the removal, or tidies what refers to the channel (writing its
 * own versions and audit entries in `tx`).
 */
export type ChannelRemovalGuard = (
  tx: Tx,
  ctx: AuditContext & { organisationId: string },
  channel: ChannelBeingRemoved,
) => Promise<void>;

/**
 * What other parts of the product register to have a say when a channel is removed (content:
 * posts that go to it), without channels knowing about them. A guard registers once, when its
 * module starts.
 */
@Injectable()
export class ChannelRemovalGuards {
  private readonly guards: ChannelRemovalGuard[] = [];

  register(guard: ChannelRemovalGuard): void {
    this.guards.push(guard);
  }

  async run(
    tx: Tx,
    ctx: AuditContext & { organisationId: string },
    channel: ChannelBeingRemoved,
  ): Promise<void> {
    for (const guard of this.guards) await guard(tx, ctx, channel);
  }
}
