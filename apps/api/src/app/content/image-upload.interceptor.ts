import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';
import { MEDIA_UPLOAD_FIELD } from '@carecast/shared/contracts';

const MULTIPART = 'multipart/form-data';

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The one api route that takes a body other than JSON: an image upload, as `multipart/form-data`
 * with a single file in the field `file` and nothing else. Runs after the access guard (a
 * session and its CSRF token are checked before any byte is read). The file is kept in memory,
 * up to the configured size (413 beyond); anything else in the form is refused (400).
 */
@Injectable()
export class ImageUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxBytes = config.media.maxUploadBytes;
    const Multer = FileInterceptor(MEDIA_UPLOAD_FIELD, {
      limits: { fileSize: this.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 100 },
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.is(MULTIPART)) {
      const message = `Send the image as a form upload (Content-Type: ${MULTIPART}) with the file in the field "${MEDIA_UPLOAD_FIELD}".`;
      throw new UnsupportedMediaTypeException({
        message,
        details: [{ field: 'Content-Type', rule: 'mediaType', message }],
      });
    }
    try {
      return await this.multer.intercept(context, next);
    } catch (err) {
      throw this.refusal(err);
    }
  }

  private refusal(err: unknown): unknown {
    if (err instanceof PayloadTooLargeException) {
      const message = `The image is too large: at most ${megabytes(this.maxBytes)}.`;
      return new PayloadTooLargeException({
        message,
        details: [{ field: MEDIA_UPLOAD_FIELD, rule: 'maxSize', message }],
      });
    }
    if (err instanceof HttpException && err.getStatus() < 500) {
      const message = `Send one image in the form field "${MEDIA_UPLOAD_FIELD}" and nothing else.`;
      return new BadRequestException({
        message,
        details: [{ field: MEDIA_UPLOAD_FIELD, rule: 'singleFile', message }],
      });
    }
    return err;
  }
}
