import { Injectable } from '@nestjs/common';
// sharp's package points TypeScript's node10 resolution at its ES module types, which lack the
// function itself; its CommonJS types (what `require` loads) describe it.
import sharpModule = require('sharp');
import { ValidationError } from '@carecast/server/core';
import type { MediaContentType } from '@carecast/shared/contracts';

type Sharp = typeof import('sharp/dist/index.cjs');
const sharp = sharpModule as unknown as Sharp;

/** Images larger than this many pixels are refused before they are decoded (a "decompression bomb"). */
const MAX_INPUT_PIXELS = 50_000_000;
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
  async process(input: Buffer): Promise<ProcessedImage> {
    const contentType = sniffImageType(input);
    if (!contentType) throw refuse('imageType', 'The file must be a JPEG, PNG, WebP or GIF image.');
    const animated = contentType === 'image/gif' || contentType === 'image/webp';
    const open = () => sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated });
    let meta: import('sharp/dist/index.cjs').Metadata;
    try {
      meta = await open().metadata();
    } catch {
      throw refuse('readableImage', 'The image could not be read: it may be damaged or too large.');
    }
    if (meta.format !== FORMAT_OF[contentType])
      throw refuse('imageType', 'The file must be a JPEG, PNG, WebP or GIF image.');
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
