import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import sharpModule = require('sharp');
import { IdentityFactory } from '../identity/identity-factory.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { signedInCookies, startTestApi, type TestApi } from '../test-api.spec-helper';

type Sharp = typeof import('sharp/dist/index.cjs');
const sharp = sharpModule as unknown as Sharp;

const MARKETER = 'dana@riverside.example';
const MAX_UPLOAD_BYTES = 200_000;

/** A photo as a phone takes it: GPS position, camera serial number, and turned on its side. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
      IFD2: { BodySerialNumber: 'SERIAL-123456' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 26/1 4632/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '79/1 58/1 3600/100',
      },
    })
    .toBuffer();
}

/** The markers of a JPEG's segments before its image data (APP1 = 0xe1 holds EXIF and XMP). */
function jpegSegments(bytes: Buffer): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

/** The GPS tags of an EXIF block (TIFF inside), by number: 2 is the latitude, 4 the longitude. */
function gpsTagsOf(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf('Exif\u0000\u0000', 0, 'latin1') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ifd + 2 + i * 12);
  const pointer = entries(u32(4)).find((e) => u16(e) === 0x8825);
  return pointer === undefined ? [] : entries(u32(pointer + 8)).map((e) => u16(e));
}

describe('media API: images uploaded, re-encoded without metadata, and kept to their organisation', () => {
  let testApi: TestApi;
  let sql: Client;
  let marketer: { cookie: string; csrf: string };

  beforeAll(async () => {
    testApi = await startTestApi('media');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    marketer = await signedInCookies(testApi.app.getHttpServer(), MARKETER);
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  function upload(
    file: Buffer,
    options: { filename?: string; contentType?: string; as?: { cookie: string; csrf: string } } = {},
  ) {
    const who = options.as ?? marketer;
    return request(testApi.app.getHttpServer())
      .post('/api/media')
      .set('Cookie', who.cookie)
      .set('X-CSRF-Token', who.csrf)
      .attach('file', file, {
        filename: options.filename ?? 'photo.jpg',
        contentType: options.contentType ?? 'image/jpeg',
      });
  }

  function download(id: string, who = marketer) {
    return request(testApi.app.getHttpServer())
      .get(`/api/media/${id}`)
      .set('Cookie', who.cookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  it('keeps no EXIF or GPS of a phone photo, and turns it upright', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(gpsTagsOf(before.exif ?? Buffer.alloc(0))).toEqual(expect.arrayContaining([2, 4]));
    expect(before.orientation).toBe(6);
    expect(original.includes(Buffer.from('SERIAL-123456'))).toBe(true);
    expect(jpegSegments(original)).toContain(0xe1);

    const res = await upload(original);
    expect(res.status).toBe(201);
    // Turned upright: 40 × 20 on its side is 20 × 40.
    expect(res.body).toMatchObject({
      contentType: 'image/jpeg',
      width: 20,
      height: 40,
      url: `/api/media/${res.body.id}`,
    });

    const stored = await download(res.body.id);
    expect(stored.status).toBe(200);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    const bytes = stored.body as Buffer;
    const after = await sharp(bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(after.iptc).toBeUndefined();
    // No APP1 (EXIF, XMP), APP13 (IPTC) or comment segment at all: nothing of the camera is left.
    expect(jpegSegments(bytes).filter((m) => m === 0xe1 || m === 0xed || m === 0xfe)).toEqual([]);
    for (const marker of ['Exif\u0000\u0000', 'SERIAL-123456', 'PhoneMaker'])
      expect(bytes.includes(Buffer.from(marker, 'latin1'))).toBe(false);

    const { rows } = await sql.query(`SELECT action, diff FROM audit_entry WHERE entity_id = $1`, [
      res.body.id,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'media.uploaded',
        diff: expect.objectContaining({ contentType: { from: null, to: 'image/jpeg' } }),
      }),
    ]);
  });

  it('judges the type by the content, not by the name or the type the browser claimed', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00aa00' } })
      .png()
      .toBuffer();
    const res = await upload(png, { filename: 'photo.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('image/png');

    const refused: Array<[string, Buffer, string]> = [
      ['text named .png', Buffer.from('hello, not an image'), 'notes.png'],
      [
        'an SVG',
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
        ),
        'logo.png',
      ],
      ['a truncated JPEG', (await phonePhoto()).subarray(0, 200), 'photo.jpg'],
      [
        'a TIFF',
        await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .tiff()
          .toBuffer(),
        'scan.jpg',
      ],
    ];
    for (const [what, bytes, filename] of refused) {
      const r = await upload(bytes, { filename, contentType: 'image/png' });
      expect([what, r.status]).toEqual([what, 422]);
      expect(r.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
    }
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM media_asset`);
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('refuses an image over the size limit (413 naming the file), a JSON body (415) and an empty form', async () => {
    const small = await startTestApi('media-limit', {
      config: {
        media: { dir: join(tmpdir(), `${testApi.db.name}-limit`), maxUploadBytes: MAX_UPLOAD_BYTES },
      },
    });
    try {
      const who = await signedInCookies(small.app.getHttpServer(), MARKETER);
      const big = await sharp({
        create: {
          width: 600,
          height: 600,
          channels: 3,
          background: '#808080',
          noise: { type: 'gaussian', mean: 128, sigma: 60 },
        },
      })
        .png()
        .toBuffer();
      expect(big.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
      const res = await request(small.app.getHttpServer())
        .post('/api/media')
        .set('Cookie', who.cookie)
        .set('X-CSRF-Token', who.csrf)
        .attach('file', big, { filename: 'big.png', contentType: 'image/png' });
      expect(res.status).toBe(413);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'maxSize' })]);
    } finally {
      await small.close();
    }

    const json = await request(testApi.app.getHttpServer())
      .post('/api/media')
      .set('Cookie', marketer.cookie)
      .set('X-CSRF-Token', marketer.csrf)
      .send({ file: 'aGVsbG8=' });
    expect(json.status).toBe(415);
    const empty = await request(testApi.app.getHttpServer())
      .post('/api/media')
      .set('Cookie', marketer.cookie)
      .set('X-CSRF-Token', marketer.csrf)
      .field('note', 'no file');
    expect(empty.status).toBe(400);
    const twoFiles = await request(testApi.app.getHttpServer())
      .post('/api/media')
      .set('Cookie', marketer.cookie)
      .set('X-CSRF-Token', marketer.csrf)
      .attach('file', await phonePhoto(), 'a.jpg')
      .attach('file', await phonePhoto(), 'b.jpg');
    expect(twoFiles.status).toBe(400);
  });

  it('lets only members who may write upload, and without the security token nobody', async () => {
    const viewer = await signedInCookies(testApi.app.getHttpServer(), 'viewer@riverside.example');
    const refused = await upload(await phonePhoto(), { as: viewer });
    expect([refused.status, refused.body.error]).toEqual([403, 'forbidden']);
    const noToken = await request(testApi.app.getHttpServer())
      .post('/api/media')
      .set('Cookie', marketer.cookie)
      .attach('file', await phonePhoto(), 'a.jpg');
    expect([noToken.status, noToken.body.error]).toEqual([403, 'csrf_failed']);
    const signedOut = await request(testApi.app.getHttpServer())
      .post('/api/media')
      .attach('file', await phonePhoto(), 'a.jpg');
    expect(signedOut.status).toBe(401);
  });

  it("serves an image to its organisation's members only, and places it in their posts only", async () => {
    const mine = (await upload(await phonePhoto())).body;
    const { organisation, admin } = await new IdentityFactory(sql).organisationWithAdmin();
    const other = new Browser(testApi.app);
    expect((await other.signIn(admin.email, admin.password)).status).toBe(200);
    expect((await other.get(`/api/media/${mine.id}`)).status).toBe(404);
    const placed = await other.send('post', '/api/posts', {
      kind: 'post',
      text: 'Our new waiting room.',
      images: [{ mediaId: mine.id, altText: 'A waiting room' }],
    });
    expect(placed.status).toBe(422);
    expect(placed.body.details).toEqual([
      expect.objectContaining({ field: 'images.0.mediaId', rule: 'mediaOfOrganisation' }),
    ]);
    expect(organisation.id).not.toBe(undefined);

    const viewer = await signedInCookies(testApi.app.getHttpServer(), 'viewer@riverside.example');
    expect((await download(mine.id, viewer)).status).toBe(200);
    expect((await request(testApi.app.getHttpServer()).get(`/api/media/${mine.id}`)).status).toBe(401);
  });

  it('ties the post to the stored image: alt text, decorative, and the image in the content hash', async () => {
    const first = (await upload(await phonePhoto())).body;
    const second = (
      await upload(
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
          .webp()
          .toBuffer(),
        {
          filename: 'x.webp',
          contentType: 'image/webp',
        },
      )
    ).body;
    expect(second.contentType).toBe('image/webp');
    const browser = new Browser(testApi.app);
    await browser.signIn(MARKETER);
    const created = await browser.send('post', '/api/posts', {
      kind: 'post',
      text: 'Our new waiting room.',
      images: [
        { mediaId: first.id, altText: '  A bright waiting room with chairs  ' },
        { mediaId: second.id, decorative: true },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.images).toEqual([
      expect.objectContaining({
        mediaId: first.id,
        altText: 'A bright waiting room with chairs',
        decorative: false,
        width: 20,
        height: 40,
        url: `/api/media/${first.id}`,
      }),
      expect.objectContaining({
        mediaId: second.id,
        altText: null,
        decorative: true,
        contentType: 'image/webp',
      }),
    ]);
    const swapped = await browser.send('patch', `/api/posts/${created.body.id}`, {
      revision: 1,
      images: [
        { mediaId: second.id, decorative: true },
        { mediaId: first.id, altText: 'A bright waiting room with chairs' },
      ],
    });
    expect(swapped.body.revision).toBe(2);
    expect(swapped.body.contentHash).not.toBe(created.body.contentHash);
    const tooMany = await browser.send('patch', `/api/posts/${created.body.id}`, {
      revision: 2,
      images: Array.from({ length: 5 }, () => ({ mediaId: first.id, decorative: true })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'images', rule: 'arrayMaxSize' })]),
    );
  });
});
