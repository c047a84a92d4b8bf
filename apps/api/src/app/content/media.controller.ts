import { Controller, Get, Param, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@carecast/server/core';
import { MediaService } from '@carecast/server/content';
import { actorOf, type AuthSession, type RequestMeta } from '@carecast/server/identity';
import { MEDIA_CONTENT_TYPES, MEDIA_UPLOAD_FIELD, type MediaAsset } from '@carecast/shared/contracts';
import { CurrentSession, Meta, RequirePermission } from '../identity/access';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { ImageUploadInterceptor } from './image-upload.interceptor';

/** What the upload interceptor leaves on the request (multer's file, in memory). */
interface UploadedImage {
  buffer: Buffer;
  size: number;
}

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @RequirePermission('content.write')
  @UseInterceptors(ImageUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [MEDIA_UPLOAD_FIELD],
      properties: { [MEDIA_UPLOAD_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary:
      'Upload an image for a post (multipart/form-data, the file in the field `file`): JPEG, PNG, WebP or GIF by its content, up to the configured size (413 beyond). It is turned upright and re-encoded without any metadata (EXIF, GPS); only that copy is kept.',
  })
  upload(
    @CurrentSession() session: AuthSession,
    @UploadedFile() file: UploadedImage | undefined,
    @Meta() meta: RequestMeta,
  ): Promise<MediaAsset> {
    if (!file || file.size === 0) {
      const message = `Choose an image to upload (the form field "${MEDIA_UPLOAD_FIELD}").`;
      throw new ValidationError(message, [{ field: MEDIA_UPLOAD_FIELD, rule: 'required', message }]);
    }
    return this.media.upload(
      { ...actorOf(session, meta), organisationId: session.organisation.id },
      file.buffer,
    );
  }

  @Get(':id')
  @RequirePermission('content.read')
  @ApiProduces(...MEDIA_CONTENT_TYPES)
  @ApiOperation({ summary: 'The stored image (for members of its organisation only).' })
  async file(
    @CurrentSession() session: AuthSession,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<StreamableFile> {
    const found = await this.media.file(session.organisation.id, id);
    return new StreamableFile(found.bytes, {
      type: found.contentType,
      length: found.bytes.length,
      disposition: `inline; filename="${found.id}.${EXTENSION[found.contentType]}"`,
    });
  }
}
