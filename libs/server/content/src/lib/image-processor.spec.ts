import sharpModule = require('sharp');
import { DependencyUnavailableError, ValidationError } from '@carecast/server/core';
import {
  ImageProcessor,
  MAX_IMAGES_AT_ONCE,
  MAX_IMAGES_WAITING,
  MAX_INPUT_PIXELS,
  sniffImageType,
} from './image-processor';
import { ImageProcessingSlots } from './image-processing-slots';

const sharp = sharpModule as unknown as typeof import('sharp/dist/index.cjs');

describe('sniffImageType', () => {
  it('knows the four image types by their first bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffImageType(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('GIF87a...'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffImageType(Buffer.from('II*\u0000', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('ImageProcessor', () => {
  it('refuses what is not an image with a violation naming the file', async () => {
    const err = await new ImageProcessor().process(Buffer.from('just text')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      expect.objectContaining({ field: 'file', rule: 'imageType' }),
    ]);
  });

  it('refuses an image whose first bytes claim one type but that cannot be read', async () => {
    const err = await new ImageProcessor()
      .process(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('garbage')]))
      .catch((e: unknown) => e);
    expect((err as ValidationError).violations).toEqual([
      expect.objectContaining({ field: 'file', rule: 'readableImage' }),
    ]);
  });
});

describe('ImageProcessor limits', () => {
  it('refuses an image of more pixels than a post needs, naming the file, before decoding it', async () => {
    const big = await sharp({
      create: { width: 5200, height: 5000, channels: 3, background: { r: 200, g: 200, b: 200 } },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const err = await new ImageProcessor().process(big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      expect.objectContaining({ field: 'file', rule: 'imagePixels' }),
    ]);
    expect((err as ValidationError).message).toMatch(/26 megapixels/);
    expect(MAX_INPUT_PIXELS).toBeLessThan(5200 * 5000);
  });

  it('processes a few images at once; more wait in a short queue; beyond it, busy with a time to retry', async () => {
    const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const processor = new ImageProcessor();
    const total = MAX_IMAGES_AT_ONCE + MAX_IMAGES_WAITING + 2;
    const results = await Promise.all(
      Array.from({ length: total }, () => processor.process(small).catch((e: unknown) => e)),
    );
    const refused = results.filter((r) => r instanceof DependencyUnavailableError);
    expect(refused).toHaveLength(2);
    expect((refused[0] as DependencyUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    expect(results.filter((r) => !(r instanceof Error))).toHaveLength(total - 2);
    // Once the queue has room again, uploads are taken.
    await expect(processor.process(small)).resolves.toEqual(expect.objectContaining({ width: 64 }));
  });
});

describe('ImageProcessingSlots', () => {
  it('runs at most the given number at once and lets waiting ones in as others finish', async () => {
    const slots = new ImageProcessingSlots(2, 3);
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const job = () =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const jobs = Array.from({ length: 5 }, job);
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    expect(slots.waiting).toBe(3);
    await expect(job()).rejects.toBeInstanceOf(DependencyUnavailableError);
    while (releases.length) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(jobs);
    expect(most).toBe(2);
    expect(slots.waiting).toBe(0);
  });

  it('frees its place when a job fails', async () => {
    const slots = new ImageProcessingSlots(1, 0);
    await expect(slots.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});
