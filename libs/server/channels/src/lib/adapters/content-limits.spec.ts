// What each platform refuses (length, number of images) is refused by the adapter itself, before
// any request leaves: a platform's own 400 must never be what stops a post. The platform here is
// a local server that counts requests and answers 503 to all of them.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@carecast/server/config';
import { SystemClock } from '@carecast/server/core';
import type { AdapterContext, PostImage } from '../channel-adapter';
import { InvalidContentError } from '../channel-errors';
import { FACEBOOK_MAX_MESSAGE_LENGTH, FacebookAdapter } from './facebook/facebook.adapter';
import { WordPressAdapter } from './wordpress/wordpress.adapter';
import { XAdapter } from './x/x.adapter';

const image = (altText: string): PostImage => ({
  bytes: Buffer.from('fake-png'),
  mimeType: 'image/png',
  altText,
});

describe('content limits, checked before anything is sent', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    requests.length = 0;
  });

  /** The error the publish ended with, and whether the platform was asked at all. */
  async function attempt(publish: () => Promise<unknown>): Promise<{ error: unknown; sent: boolean }> {
    const error = await publish().then(
      () => null,
      (e: unknown) => e,
    );
    return { error, sent: requests.length > 0 };
  }

  describe('X', () => {
    let x: XAdapter;
    const ctx = {
      organisationId: 'o1',
      channelId: 'c1',
      externalAccountId: '42',
      credentials: { accessToken: 'token' },
      settings: { username: 'riversidefm' },
    } as AdapterContext;

    beforeAll(() => {
      x = new XAdapter({ platforms: { xApiBaseUrl: base } } as AppConfig, new SystemClock());
    });

    it('weighs text the way X does: links 23, emoji and CJK 2', () => {
      expect(XAdapter.weightedLength('a'.repeat(10))).toBe(10);
      // (twitter-text knows real top-level domains only: `.example` is no link to it)
      expect(XAdapter.weightedLength('see https://example.org/a/very/long/path/indeed')).toBe(4 + 23);
      expect(XAdapter.weightedLength('🩺')).toBe(2);
      expect(XAdapter.weightedLength('東京')).toBe(4);
    });

    it('sends exactly 280 weighted characters', async () => {
      const { error, sent } = await attempt(() => x.publish(ctx, { text: 'a'.repeat(278) + '🩺' }));
      expect(error).not.toBeInstanceOf(InvalidContentError);
      expect(sent).toBe(true);
    });

    it('refuses 281, saying how long it is and what X allows', async () => {
      const { error, sent } = await attempt(() => x.publish(ctx, { text: 'a'.repeat(279) + '🩺' }));
      expect(error).toBeInstanceOf(InvalidContentError);
      expect((error as Error).message).toBe(
        'The X text is 281 characters long; X allows 280 (links count 23).',
      );
      expect(sent).toBe(false);
    });

    it('counts the link it adds to the text, but not twice when the text holds it', async () => {
      const link = 'https://example.org/flu';
      const refused = await attempt(() => x.publish(ctx, { text: 'c'.repeat(257), link }));
      expect(refused.error).toBeInstanceOf(InvalidContentError);
      expect(refused.sent).toBe(false);
      const held = await attempt(() => x.publish(ctx, { text: `${'c'.repeat(256)} ${link}`, link }));
      expect(held.error).not.toBeInstanceOf(InvalidContentError);
      expect(held.sent).toBe(true);
    });

    it('takes four images and refuses a fifth', async () => {
      const five = ['1', '2', '3', '4', '5'].map(image);
      const refused = await attempt(() => x.publish(ctx, { text: 'Tour', images: five }));
      expect(refused.error).toBeInstanceOf(InvalidContentError);
      expect((refused.error as Error).message).toBe('X takes at most 4 images per post.');
      expect(refused.sent).toBe(false);
      const four = await attempt(() => x.publish(ctx, { text: 'Tour', images: five.slice(0, 4) }));
      expect(four.error).not.toBeInstanceOf(InvalidContentError);
      expect(four.sent).toBe(true);
    });
  });

  describe('Facebook', () => {
    let facebook: FacebookAdapter;
    const ctx = {
      organisationId: 'o1',
      channelId: 'c2',
      externalAccountId: '111',
      credentials: { pageAccessToken: 'page-token' },
      settings: {},
    } as AdapterContext;

    beforeAll(() => {
      facebook = new FacebookAdapter({
        platforms: { facebookGraphBaseUrl: `${base}/graph/v24.0` },
      } as AppConfig);
    });

    it('allows 63,206 characters, counted as characters (an emoji is one)', async () => {
      expect(FACEBOOK_MAX_MESSAGE_LENGTH).toBe(63_206);
      const { error, sent } = await attempt(() => facebook.publish(ctx, { text: 'a'.repeat(63_205) + '🩺' }));
      expect(error).not.toBeInstanceOf(InvalidContentError);
      expect(sent).toBe(true);
    });

    it('refuses 63,207, saying how long it is and what Facebook allows', async () => {
      const { error, sent } = await attempt(() => facebook.publish(ctx, { text: 'a'.repeat(63_206) + '🩺' }));
      expect(error).toBeInstanceOf(InvalidContentError);
      expect((error as Error).message).toBe(
        'The Facebook text is 63207 characters long; Facebook allows 63206.',
      );
      expect(sent).toBe(false);
    });

    it("counts the link a photo's caption carries, and not a feed post's link (sent apart)", async () => {
      const link = 'https://riverside.example/flu';
      const text = 'c'.repeat(63_206 - link.length);
      const caption = await attempt(() => facebook.publish(ctx, { text, link, images: [image('Clinic')] }));
      expect(caption.error).toBeInstanceOf(InvalidContentError);
      expect(caption.sent).toBe(false);
      const feed = await attempt(() => facebook.publish(ctx, { text, link }));
      expect(feed.error).not.toBeInstanceOf(InvalidContentError);
      expect(feed.sent).toBe(true);
    });

    it('takes four images and refuses a fifth', async () => {
      const five = ['1', '2', '3', '4', '5'].map(image);
      const refused = await attempt(() => facebook.publish(ctx, { text: 'Tour', images: five }));
      expect((refused.error as Error).message).toBe('A Facebook post takes at most 4 images.');
      expect(refused.sent).toBe(false);
      const four = await attempt(() => facebook.publish(ctx, { text: 'Tour', images: five.slice(0, 4) }));
      expect(four.error).not.toBeInstanceOf(InvalidContentError);
      expect(four.sent).toBe(true);
    });
  });

  describe('WordPress', () => {
    let wordpress: WordPressAdapter;
    let ctx: AdapterContext;

    beforeAll(() => {
      wordpress = new WordPressAdapter(
        { platforms: { wordpressAllowedPrivateHosts: ['127.0.0.1'] } } as unknown as AppConfig,
        new SystemClock(),
      );
      ctx = {
        organisationId: 'o1',
        channelId: 'c3',
        externalAccountId: base,
        credentials: { username: 'editor', applicationPassword: 'abcd efgh ijkl mnop' },
        settings: { siteUrl: base },
      };
    });

    it('takes one featured image and refuses a second', async () => {
      const refused = await attempt(() =>
        wordpress.publish(ctx, { text: 'Tour', images: [image('Front desk'), image('Parking')] }),
      );
      expect(refused.error).toBeInstanceOf(InvalidContentError);
      expect((refused.error as Error).message).toBe('A blog post carries one featured image.');
      expect(refused.sent).toBe(false);
      const one = await attempt(() =>
        wordpress.publish(ctx, { text: 'Tour', images: [image('Front desk')] }),
      );
      expect((one.error as Error).message).not.toBe('A blog post carries one featured image.');
      expect(one.sent).toBe(true);
    });

    it('uploads no image for a post without one', async () => {
      const none = await attempt(() => wordpress.publish(ctx, { text: 'Open on Saturday.' }));
      expect(none.sent).toBe(true);
      expect(requests.filter((r) => r.includes('/media'))).toEqual([]);
    });
  });
});
