import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuditContext } from '@carecast/server/audit';
import { loggableError, NotFoundError } from '@carecast/server/core';
import { TransactionRunner } from '@carecast/server/database';
import type { MediaAsset, MediaContentType } from '@carecast/shared/contracts';
import { ImageProcessor } from './image-processor';
import { MediaAssetRepository, type MediaAssetRecord } from './media-asset.repository';
import { MediaStorage } from './media-storage';

type OrgContext = AuditContext & { organisationId: string };

const EXTENSION: Record<MediaContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Where a signed-in member of the organisation loads an image. */
export const mediaUrlOf = (id: string) => `/api/media/${id}`;

const assetOf = (r: MediaAssetRecord): MediaAsset => ({
  id: r.id,
  url: mediaUrlOf(r.id),
  contentType: r.contentType,
  width: r.width,
  height: r.height,
  byteSize: r.byteSize,
  createdAt: r.createdAt,
});

/** An image's bytes and type, to send back or to publish. */
export interface MediaFile {
  id: string;
  contentType: MediaContentType;
  bytes: Buffer;
}

/** Images uploaded for posts: re-encoded without metadata, stored, and given back to their organisation only. */
@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    private readonly processor: ImageProcessor,
    private readonly storage: MediaStorage,
    private readonly assets: MediaAssetRepository,
    private readonly audit: AuditService,
    private readonly db: TransactionRunner,
  ) {}

  /**
   * Take an uploaded file: refuse it unless its content is a JPEG, PNG, WebP or GIF image (422
   * naming `file`), re-encode it without metadata, store the result (never the original), and
   * record it (audited).
   */
  async upload(ctx: OrgContext, file: Buffer): Promise<MediaAsset> {
    const image = await this.processor.process(file);
    const id = randomUUID();
    const storageKey = `${ctx.organisationId}/${id}.${EXTENSION[image.contentType]}`;
    await this.storage.put(storageKey, image.bytes);
    try {
      return await this.db.run(async (tx) => {
        const record = await this.assets.insert(tx, {
          id,
          organisationId: ctx.organisationId,
          uploadedBy: ctx.actorUserId,
          storageKey,
          contentType: image.contentType,
          byteSize: image.bytes.length,
          width: image.width,
          height: image.height,
          sha256: createHash('sha256').update(image.bytes).digest('hex'),
        });
        await this.audit.record(
          ctx,
          {
            action: 'media.uploaded',
            entityType: 'media',
            entityId: id,
            after: {
              contentType: record.contentType,
              byteSize: record.byteSize,
              width: record.width,
              height: record.height,
              sha256: record.sha256,
            },
          },
          tx,
        );
        return assetOf(record);
      });
    } catch (err) {
      await this.storage.remove(storageKey).catch((e) =>
        this.logger.warn({
          msg: 'could not remove an unrecorded image file',
          storageKey,
          err: loggableError(e),
        }),
      );
      throw err;
    }
  }

  /** The image's file; 404 for an id of another organisation or whose file is gone. */
  async file(organisationId: string, id: string): Promise<MediaFile> {
    const asset = await this.assets.get(organisationId, id);
    const bytes = asset ? await this.storage.get(asset.storageKey) : null;
    if (!asset || !bytes) throw new NotFoundError('No such image.');
    return { id, contentType: asset.contentType, bytes };
  }

  async describe(organisationId: string, id: string): Promise<MediaAsset> {
    const asset = await this.assets.get(organisationId, id);
    if (!asset) throw new NotFoundError('No such image.');
    return assetOf(asset);
  }
}
