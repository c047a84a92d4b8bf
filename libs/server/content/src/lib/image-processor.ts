import { Injectable } from '@nestjs/common';
// sharp's package points TypeScript's node10 resolution at its ES module types, which lack the
// function itself; its CommonJS types (what `require` loads) describe it.
import sharpModule = require('sharp');
import { ValidationError } from '@carecast/server/core';
import type { MediaContentType } from '@carecast/shared/contracts';
import { ImageProcessingSlots } from './image-processing-slots';

type Sharp = typeof import('sharp/dist/index.cjs');
const sharp = sharpModule as unknown as Sharp;

/**
 * Images of more pixels than this are refused before they are decoded: a post is shown at 4096
 * pixels at most (see MAX_SIDE, 16.8 million pixels), and decoding costs about 3–4 bytes a pixel.
 * 25 million takes a 24-megapixel camera's or phone's photo as it comes; larger ones (and
 * "decompression bombs") are asked for in a smaller copy.
 */
export const MAX_INPUT_PIXELS = 25_000_000;
/** Images decoded at once in one process; further uploads wait their turn. */
export const MAX_IMAGES_AT_ONCE = 2;
/** Uploads waiting for their turn; beyond this they are refused as busy (503, Retry-After). */
export const MAX_IMAGES_WAITING = 8;
/** Longer sides are scaled down to this (every platform shows less). */
const MAX_SIDE = 4096;

export interface ProcessedImage {
  bytes: Buffer;
  contentType: MediaContentType;
  width: number;
  height: number;
}

const FORMAT_OF: Record<MediaContentType, keyof import('sharp/dist/index.cjs').FormatEnum> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * The image type the bytes are, by their first bytes (the file's name and the type the browser
 * claimed are not trusted); null for anything else (SVG, HEIC, TIFF, PDF, text...).
 */
export function sniffImageType(bytes: Buffer): MediaContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  const head = bytes.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

const refuse = (rule: string, message: string) =>
  new ValidationError(message, [{ field: 'file', rule, message }]);

/**
 * Uploaded images made safe to keep and publish: decoded and encoded again in the same format,
 * turned upright as the camera's orientation tag says, and written without any metadata (EXIF
 * with its GPS position and camera serial numbers, XMP, IPTC, comments), so nothing but the
 * pixels leaves (compliance rule P5).
 */
@Injectable()
export class ImageProcessor {
  private readonly slots = new ImageProcessingSlots(MAX_IMAGES_AT_ONCE, MAX_IMAGES_WAITING);

  /** Waits for its turn (at most MAX_IMAGES_AT_ONCE at once); 503 when too many are waiting. */
  process(input: Buffer): Promise<ProcessedImage> {
    return this.slots.run(() => this.processNow(input));
  }

  private async processNow(input: Buffer): Promise<ProcessedImage> {
    const contentType = sniffImageType(input);
    if (!contentType) throw refuse('imageType', 'The file must be a JPEG, PNG, WebP or GIF image.');
    const animated = contentType === 'image/gif' || contentType === 'image/webp';
    const open = () => sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated });
    let meta: import('sharp/dist/index.cjs').Metadata;
    try {
      // The header only (no pixels decoded), without the limit, so a large image is told as such.
      meta = await sharp(input, { failOn: 'error', limitInputPixels: false, animated }).metadata();
    } catch {
      throw refuse('readableImage', 'The image could not be read: it may be damaged or too large.');
    }
    if (meta.format !== FORMAT_OF[contentType])
      throw refuse('imageType', 'The file must be a JPEG, PNG, WebP or GIF image.');
    const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * Math.max(1, meta.pages ?? 1);
    if (pixels > MAX_INPUT_PIXELS)
      throw refuse(
        'imagePixels',
        `The image is too large (${Math.round(pixels / 1_000_000)} megapixels; at most ${MAX_INPUT_PIXELS / 1_000_000} are taken). ` +
          'Save a smaller copy (4096 pixels on the longest side is plenty for a post) and upload that.',
      );
    try {
      const pipeline = open()
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
      const encoded =
        contentType === 'image/jpeg'
          ? pipeline.jpeg({ quality: 85, mozjpeg: true })
          : contentType === 'image/png'
            ? pipeline.png()
            : contentType === 'image/webp'
              ? pipeline.webp({ quality: 85 })
              : pipeline.gif();
      // sharp writes no metadata unless asked (keepMetadata / withMetadata): none is asked for.
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      const pageHeight = info.pageHeight ?? info.height;
      return { bytes: data, contentType, width: info.width, height: pageHeight };
    } catch {
      throw refuse('readableImage', 'The image could not be read: it may be damaged or too large.');
    }
  }
}
