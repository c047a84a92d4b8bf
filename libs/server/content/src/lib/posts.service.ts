import { Injectable } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { ChannelsService } from '@carecast/server/channels';
import { ComplianceService } from '@carecast/server/compliance';
import { Clock, ConflictError, NotFoundError } from '@carecast/server/core';
import { TransactionRunner, type Tx } from '@carecast/server/database';
import { checkContent } from '@carecast/shared/compliance';
import {
  type CreatePostRequest,
  type Finding,
  type Post,
  type PostDetail,
  type PostListQuery,
  type PostPage,
  type PostSnapshot,
  type PostState,
  type PostSummary,
  type PostVersion,
  type PostVersionSummary,
  transitionOf,
  type UpdatePostRequest,
} from '@carecast/shared/contracts';
import { contentHashOf, sameSnapshot } from './content-hash';
import { ContentSettingsService } from './content-settings.service';
import { complianceInputOf, distinctFindings } from './compliance-input';
import { MediaAssetRepository } from './media-asset.repository';
import { mediaUrlOf } from './media.service';
import { applyChanges, type ChangeContext } from './post-changes';
import { PostNotEditableError } from './post-not-editable-error';
import { type PostHead, type PostRecord, PostRepository } from './post.repository';
import { PostVersionRepository } from './post-version.repository';
import { StaleRevisionError } from './stale-revision-error';

type OrgContext = AuditContext & { organisationId: string };

/** A post of a list with its content hash and what the compliance checks find in it. */
export interface PostWithFindings extends PostSummary {
  contentHash: string;
  findings: Finding[];
}

const DEFAULT_LIMIT = 25;

/** The top-level parts of a post that differ between two snapshots (for the audit trail). */
function changedParts(before: PostSnapshot, after: PostSnapshot): string[] {
  return (Object.keys(after) as Array<keyof PostSnapshot>).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/**
 * Writing posts: drafts, per-channel variants, images, health alerts. Every save is a new
 * revision with a version row and a content hash; an edit of a post past draft returns it to
 * draft (its approvals were for another hash). Moves between the workflow's other states belong
 * to the review workflow, which uses `PostRepository.transition` in its own transaction.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostRepository,
    private readonly postVersions: PostVersionRepository,
    private readonly media: MediaAssetRepository,
    private readonly channels: ChannelsService,
    private readonly settings: ContentSettingsService,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async create(ctx: OrgContext, input: CreatePostRequest): Promise<PostDetail> {
    const change = await this.changeContext(ctx.organisationId, input);
    const content = applyChanges(null, input, change);
    const contentHash = contentHashOf(content);
    const id = await this.db.run(async (tx) => {
      const postId = await this.posts.insert(tx, ctx.organisationId, ctx.actorUserId, {
        content,
        contentHash,
        state: 'draft',
        editorId: ctx.actorUserId,
      });
      await this.postVersions.append(tx, {
        organisationId: ctx.organisationId,
        postId,
        revision: 1,
        snapshot: content,
        contentHash,
        editorId: ctx.actorUserId,
      });
      await this.audit.record(
        ctx,
        {
          action: 'post.created',
          entityType: 'post',
          entityId: postId,
          after: { kind: content.kind, revision: 1, contentHash },
        },
        tx,
      );
      return postId;
    });
    return this.get(ctx.organisationId, id);
  }

  /**
   * Save changes made on `input.revision`. A stale revision (someone saved since) answers 409
   * and saves nothing; a post past editing answers 409. Changes that leave everything as it was
   * save nothing (an autosave of an unchanged form). A change of what would be published moves a
   * post that was past draft back to draft (audited): its approvals no longer match its hash.
   * A change of campaign tags alone changes no hash and no state.
   */
  async update(ctx: OrgContext, id: string, input: UpdatePostRequest): Promise<PostDetail> {
    const change = await this.changeContext(ctx.organisationId, input);
    await this.db.run(async (tx) => {
      const current = await this.posts.get(ctx.organisationId, id, tx, { lock: true });
      if (!current) throw new NotFoundError('No such post.');
      if (input.revision !== current.revision)
        throw new StaleRevisionError(
          input.revision,
          current.revision,
          current.lastEditedBy,
          current.updatedAt,
          current.lastEditedBy?.id === ctx.actorUserId,
        );
      if (!transitionOf('edit', current.state)) throw new PostNotEditableError(current.state);
      const content = applyChanges(current.content, input, change);
      if (sameSnapshot(current.content, content)) return;
      const contentHash = contentHashOf(content);
      const state: PostState =
        contentHash !== current.contentHash
          ? (transitionOf('edit', current.state)?.to ?? 'draft')
          : current.state;
      const revision = await this.posts.update(tx, ctx.organisationId, id, current.revision, {
        content,
        contentHash,
        state,
        editorId: ctx.actorUserId,
      });
      if (revision === null)
        throw new ConflictError('This post changed while saving: reload it and try again.');
      await this.postVersions.append(tx, {
        organisationId: ctx.organisationId,
        postId: id,
        revision,
        snapshot: content,
        contentHash,
        editorId: ctx.actorUserId,
      });
      await this.audit.record(
        ctx,
        {
          action: 'post.updated',
          entityType: 'post',
          entityId: id,
          before: { revision: current.revision, contentHash: current.contentHash },
          after: { revision, contentHash, changed: changedParts(current.content, content) },
        },
        tx,
      );
      if (state !== current.state)
        await this.audit.record(
          ctx,
          {
            action: 'post.returned_to_draft',
            entityType: 'post',
            entityId: id,
            before: { state: current.state, contentHash: current.contentHash },
            after: { state, contentHash, revision },
          },
          tx,
        );
    });
    return this.get(ctx.organisationId, id);
  }

  /** The post with what the compliance checks find in it now. */
  async get(organisationId: string, id: string): Promise<PostDetail> {
    const record = await this.posts.get(organisationId, id);
    if (!record) throw new NotFoundError('No such post.');
    const [post, findings] = await Promise.all([
      this.postOf(record),
      this.findingsOf(organisationId, record.content),
    ]);
    return { ...post, findings };
  }

  /** For the review workflow: the post and its current findings (404 for another organisation's). */
  getForReview(organisationId: string, id: string): Promise<PostDetail> {
    return this.get(organisationId, id);
  }

  /**
   * The post's state, revision and content hash (null: no such post here). In a transaction with
   * `lock`, the post stays as read until the transaction ends (edits wait).
   */
  head(
    organisationId: string,
    id: string,
    tx?: Tx,
    options: { lock?: boolean } = {},
  ): Promise<PostHead | null> {
    return this.posts.head(organisationId, id, tx, options);
  }

  /** What the compliance checks find in this content of the organisation's. */
  async findingsOf(organisationId: string, content: PostSnapshot): Promise<Finding[]> {
    const ctx = await this.settings.checkContext(organisationId);
    return distinctFindings(await this.compliance.checkContent(complianceInputOf(content), ctx));
  }

  async list(organisationId: string, query: PostListQuery): Promise<PostPage> {
    const { records, total, offset, limit } = await this.records(organisationId, query);
    const names = await this.channelNames(organisationId);
    return { posts: records.map((r) => this.summaryOf(r, names)), total, offset, limit };
  }

  /**
   * A page of posts with what the compliance checks find in each, for a list that shows it (the
   * review queue). The posts are read in one go and the same checks as `get` run here on each,
   * except whether links open: that asks the sites, and is checked when a post is opened.
   */
  async listWithFindings(
    organisationId: string,
    query: PostListQuery,
  ): Promise<{ posts: PostWithFindings[]; total: number }> {
    const [{ records, total }, names, ctx] = await Promise.all([
      this.records(organisationId, query),
      this.channelNames(organisationId),
      this.settings.checkContext(organisationId),
    ]);
    return {
      posts: records.map((r) => ({
        ...this.summaryOf(r, names),
        contentHash: r.contentHash,
        findings: distinctFindings(checkContent(complianceInputOf(r.content), ctx)),
      })),
      total,
    };
  }

  /**
   * The saved snapshots of these revisions of the organisation's posts, read in one go, keyed by
   * `versionKey(postId, revision)` (absent: no such revision here).
   */
  versionSnapshots(
    organisationId: string,
    refs: ReadonlyArray<{ postId: string; revision: number }>,
  ): Promise<Map<string, PostSnapshot>> {
    return this.postVersions.snapshots(organisationId, refs);
  }

  private async records(organisationId: string, query: PostListQuery) {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const { records, total } = await this.posts.list(organisationId, {
      states: query.state,
      kind: query.kind,
      channelId: query.channelId,
      tag: query.tag,
      search: query.q?.trim() || undefined,
      scheduledFrom: query.scheduledFrom ? new Date(query.scheduledFrom) : undefined,
      scheduledTo: query.scheduledTo ? new Date(query.scheduledTo) : undefined,
      sort: query.sort ?? 'updated_desc',
      offset,
      limit,
    });
    return { records, total, offset, limit };
  }

  async versions(organisationId: string, id: string): Promise<PostVersionSummary[]> {
    await this.requireHead(organisationId, id);
    return this.postVersions.list(organisationId, id);
  }

  async version(organisationId: string, id: string, revision: number): Promise<PostVersion> {
    const found = await this.postVersions.get(organisationId, id, revision);
    if (!found) throw new NotFoundError('No such post or revision.');
    return found;
  }

  /**
   * Delete a draft that was never sent for review (a false start). Anything that was ever
   * submitted is kept with its history; the workflow cancels it instead.
   */
  async remove(ctx: OrgContext, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const head = await this.posts.head(ctx.organisationId, id, tx, { lock: true });
      if (!head) throw new NotFoundError('No such post.');
      if (!(await this.posts.deleteUnsubmittedDraft(tx, ctx.organisationId, id)))
        throw new ConflictError(
          'Only a draft that was never sent for review can be deleted. Cancel this post instead: its history is kept.',
        );
      await this.audit.record(
        ctx,
        {
          action: 'post.deleted',
          entityType: 'post',
          entityId: id,
          before: {
            kind: head.kind,
            state: head.state,
            revision: head.revision,
            contentHash: head.contentHash,
          },
        },
        tx,
      );
    });
  }

  private async requireHead(organisationId: string, id: string): Promise<PostHead> {
    const head = await this.posts.head(organisationId, id);
    if (!head) throw new NotFoundError('No such post.');
    return head;
  }

  private async changeContext(
    organisationId: string,
    input: CreatePostRequest | UpdatePostRequest,
  ): Promise<ChangeContext> {
    const channels = new Map(
      (await this.channels.list(organisationId)).map((c) => [c.id, { kind: c.kind }] as const),
    );
    const ids = (input.images ?? []).map((i) => i.mediaId);
    const media = new Map(
      (await this.media.many(organisationId, ids)).map((m) => [m.id, { sha256: m.sha256 }] as const),
    );
    return { channels, media, now: this.clock.now() };
  }

  private async channelNames(organisationId: string): Promise<Map<string, string>> {
    return new Map((await this.channels.list(organisationId)).map((c) => [c.id, c.displayName]));
  }

  private async postOf(r: PostRecord): Promise<Post> {
    const names = await this.channelNames(r.organisationId);
    const c = r.content;
    return {
      id: r.id,
      kind: c.kind,
      state: r.state,
      urgency: c.urgency,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      allClearText: c.allClearText,
      text: c.text,
      link: c.link,
      tags: c.tags,
      variants: c.variants.map((v) => ({ ...v, channelName: names.get(v.channelId) ?? '' })),
      images: c.images.map((image, i) => ({
        mediaId: image.mediaId,
        url: mediaUrlOf(image.mediaId),
        contentType: r.images[i].contentType,
        width: r.images[i].width,
        height: r.images[i].height,
        altText: image.altText,
        decorative: image.decorative,
      })),
      spanish: c.spanish,
      scheduledAt: c.scheduledAt,
      submittedAt: r.submittedAt,
      revision: r.revision,
      contentHash: r.contentHash,
      author: r.author,
      lastEditedBy: r.lastEditedBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  private summaryOf(r: PostRecord, names: Map<string, string>): PostSummary {
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      urgency: r.urgency,
      text: r.content.text,
      channels: r.content.variants.map((v) => ({
        id: v.channelId,
        kind: v.channelKind,
        name: names.get(v.channelId) ?? '',
      })),
      tags: r.content.tags,
      imageCount: r.content.images.length,
      scheduledAt: r.scheduledAt,
      submittedAt: r.submittedAt,
      revision: r.revision,
      author: r.author,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}
