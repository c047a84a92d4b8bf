import { ValidationError } from '@carecast/server/core';
import { ImageProcessor, sniffImageType } from './image-processor';

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
