import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { type ChannelBeingRemoved, ChannelRemovalGuards } from '@carecast/server/channels';
import { ConflictError } from '@carecast/server/core';
import type { Tx } from '@carecast/server/database';
import type { PostState } from '@carecast/shared/contracts';
import { contentHashOf } from './content-hash';
import { PostRepository } from './post.repository';
import { PostVersionRepository } from './post-version.repository';

/**
 * Posts whose approval (or its pending review, or its publishing) covers a channel: removing the
 * channel would change what they publish under that approval, so it is refused until they are
 * edited (which sends them back through review) or cancelled.
 */
export const STATES_KEEPING_THEIR_CHANNELS: readonly PostState[] = [
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
];

type OrgContext = AuditContext & { organisationId: string };

/**
 * What removing a channel does to the posts that go to it, in the removal's transaction:
 * refused (409) while one of them is in review, approved, scheduled or publishing; otherwise
 * (drafts, cancelled, expired and finished posts) the channel is taken off each post as a new
 * revision with its version row, new content hash and audit entry.
 */
@Injectable()
export class ChannelRemovalPostsService implements OnModuleInit {
  constructor(
    private readonly guards: ChannelRemovalGuards,
    private readonly posts: PostRepository,
    private readonly postVersions: PostVersionRepository,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.guards.register((tx, ctx, channel) => this.beforeRemoval(tx, ctx, channel));
  }

  async beforeRemoval(tx: Tx, ctx: OrgContext, channel: ChannelBeingRemoved): Promise<void> {
    const targeting = await this.posts.targetingChannel(tx, channel.organisationId, channel.id);
    const held = targeting.filter((p) => STATES_KEEPING_THEIR_CHANNELS.includes(p.state));
    if (held.length) {
      const posts = held.length === 1 ? '1 post that goes' : `${held.length} posts that go`;
      throw new ConflictError(
        `${channel.displayName} cannot be removed: ${posts} to it ${held.length === 1 ? 'is' : 'are'} in review, approved or scheduled. ` +
          'Edit each of them to take this channel off (they go back through review), or cancel them, then remove the channel.',
      );
    }
    for (const p of targeting) await this.takeOff(tx, ctx, channel, p.id);
  }

  private async takeOff(
    tx: Tx,
    ctx: OrgContext,
    channel: ChannelBeingRemoved,
    postId: string,
  ): Promise<void> {
    const current = await this.posts.get(channel.organisationId, postId, tx);
    if (!current) return;
    const content = {
      ...current.content,
      variants: current.content.variants.filter((v) => v.channelId !== channel.id),
    };
    const contentHash = contentHashOf(content);
    const revision = await this.posts.update(tx, channel.organisationId, postId, current.revision, {
      content,
      contentHash,
      state: current.state,
      editorId: ctx.actorUserId,
    });
    if (revision === null) throw new ConflictError('A post changed while removing the channel: try again.');
    await this.postVersions.append(tx, {
      organisationId: channel.organisationId,
      postId,
      revision,
      snapshot: content,
      contentHash,
      editorId: ctx.actorUserId,
    });
    await this.audit.record(
      ctx,
      {
        action: 'post.channel_removed',
        entityType: 'post',
        entityId: postId,
        before: { revision: current.revision, contentHash: current.contentHash, channelId: channel.id },
        after: { revision, contentHash, channel: channel.displayName },
      },
      tx,
    );
  }
}
