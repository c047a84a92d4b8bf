import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  ApiRequestError,
  ApiResponseError,
  type ITwitterApiClientPlugin,
  TwitterApi,
  type TweetV2,
} from 'twitter-api-v2';
import { createSandbox } from '../sandbox';
import { XState, type XStateOptions } from './x-emulator';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const TOO_MANY = {
  title: 'Too Many Requests',
  type: 'about:blank',
  status: 429,
  detail: 'Too Many Requests',
};
const DUPLICATE = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

interface CreatedAccount {
  id: string;
  username: string;
  accessToken: string;
  oauth1Token: string;
  oauth1Secret: string;
}

/** A sandbox listening on an ephemeral port, with its X state and a clock the test can move. */
class Harness {
  clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  readonly state: XState;
  readonly server: Server;

  constructor(options: XStateOptions = {}) {
    this.state = new XState({ now: () => this.clock, videoProcessingMs: 2000, ...options });
    this.server = http.createServer(createSandbox({ x: this.state }));
  }

  static async start(options: XStateOptions = {}): Promise<Harness> {
    const harness = new Harness(options);
    await new Promise<void>((resolve) => harness.server.listen(0, '127.0.0.1', resolve));
    return harness;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async account(username: string): Promise<CreatedAccount> {
    const res = await request(this.server)
      .post('/_sandbox/x/accounts')
      .send({ username, name: `${username} Name` });
    expect(res.status).toBe(201);
    return res.body as CreatedAccount;
  }

  async mention(account: string, text: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await request(this.server)
      .post('/_sandbox/x/mentions')
      .send({ account, text, authorUsername: 'patient_anna', ...extra });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  async published(accountId: string) {
    const res = await request(this.server).get(`/_sandbox/x/accounts/${accountId}/tweets`).expect(200);
    return (res.body as { data: PublishedTweet[] }).data;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface PublishedTweet {
  id: string;
  text: string;
  deleted: boolean;
  inReplyToTweetId?: string;
  media: { id: string; size?: number; sha256?: string; altText?: string }[];
}

function bearer(account: CreatedAccount): string {
  return `Bearer ${account.accessToken}`;
}

/** A multipart body as twitter-api-v2 builds it: `segment_index`, then `media` without a filename. */
function multipart(segmentIndex: number, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = '--------------------------123456789012345678901234';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="segment_index"\r\n\r\n${segmentIndex}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="media"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Bytes that contain CRLFs and dashes, to prove the multipart parser keeps them intact. */
function awkwardBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = [0x0d, 0x0a, 0x2d, 0x2d, i % 256][i % 5];
  return bytes;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('X emulator over HTTP', () => {
  let h: Harness;
  let clinic: CreatedAccount;

  beforeEach(async () => {
    h = await Harness.start({ rateLimits: { 'POST /2/tweets': { limit: 5, windowMs: FIFTEEN_MINUTES } } });
    clinic = await h.account('clinic');
  });
  afterEach(() => h.close());

  describe('control API', () => {
    it('creates accounts with numeric ids and distinct tokens, and resets an existing username', async () => {
      expect(clinic.id).toMatch(/^\d{19}$/);
      expect(clinic.accessToken).not.toBe(clinic.oauth1Token);
      await request(h.server)
        .post('/2/tweets')
        .set('Authorization', bearer(clinic))
        .send({ text: 'a' })
        .expect(201);
      const again = await h.account('clinic');
      expect(again.id).toBe(clinic.id);
      expect(await h.published(clinic.id)).toEqual([]);
    });

    it('rejects malformed control input with 400', async () => {
      await request(h.server).post('/_sandbox/x/accounts').send({}).expect(400);
      await request(h.server)
        .post('/_sandbox/x/failures')
        .send({ path: 'POST /2/tweets', kind: 'boom' })
        .expect(400);
      await request(h.server).post('/_sandbox/x/mentions').send({ account: 'nobody', text: 'x' }).expect(400);
    });

    it('forgets everything on reset', async () => {
      await request(h.server).post('/_sandbox/x/reset').expect(204);
      await request(h.server).get('/2/users/me').set('Authorization', bearer(clinic)).expect(401);
      await request(h.server).get(`/_sandbox/x/accounts/${clinic.id}/tweets`).expect(404);
    });
  });

  describe('authentication', () => {
    it('answers a missing or unknown token with the 401 problem body', async () => {
      for (const header of [undefined, 'Bearer nope', 'Basic abc']) {
        const req = request(h.server).get('/2/users/me');
        const res = await (header ? req.set('Authorization', header) : req);
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toEqual(UNAUTHORIZED);
      }
    });

    it('accepts an OAuth 1.0a header by its oauth_token', async () => {
      const header = `OAuth oauth_consumer_key="k", oauth_token="${encodeURIComponent(clinic.oauth1Token)}", oauth_signature="x"`;
      const res = await request(h.server).get('/2/users/me').set('Authorization', header).expect(200);
      expect(res.body).toEqual({ data: { id: clinic.id, name: 'clinic Name', username: 'clinic' } });
    });
  });

  describe('POST /2/tweets', () => {
    const post = (body: object, account = clinic) =>
      request(h.server).post('/2/tweets').set('Authorization', bearer(account)).send(body);

    it('creates a tweet: 201, numeric string id, JSON, rate-limit headers', async () => {
      const res = await post({ text: 'Open on Saturday' }).expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ data: { id: expect.stringMatching(/^\d+$/), text: 'Open on Saturday' } });
      expect(res.headers['x-rate-limit-limit']).toBe('5');
      expect(res.headers['x-rate-limit-remaining']).toBe('4');
      expect(res.headers['x-rate-limit-reset']).toBe(String(Math.ceil((h.clock + FIFTEEN_MINUTES) / 1000)));
      expect((await h.published(clinic.id)).map((t) => t.text)).toEqual(['Open on Saturday']);
    });

    it('refuses duplicate text of the same account with the exact 403, but not of another account', async () => {
      await post({ text: 'Flu shots today' }).expect(201);
      const res = await post({ text: 'Flu shots today' }).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-rate-limit-remaining']).toBe('3');
      expect(res.body).toEqual(DUPLICATE);
      const other = await h.account('other_clinic');
      await post({ text: 'Flu shots today' }, other).expect(201);
    });

    it('answers 429 past the window limit and serves again once the window resets', async () => {
      for (let i = 0; i < 5; i++) await post({ text: `post ${i}` }).expect(201);
      const res = await post({ text: 'one too many' }).expect(429);
      expect(res.body).toEqual(TOO_MANY);
      expect(res.headers['x-rate-limit-remaining']).toBe('0');
      expect(res.headers['x-rate-limit-reset']).toBe(String(Math.ceil((h.clock + FIFTEEN_MINUTES) / 1000)));
      h.clock += FIFTEEN_MINUTES;
      await post({ text: 'one too many' }).expect(201);
    });

    it('validates text: required without media, 280 weighted characters, URLs count 23', async () => {
      const empty = await post({}).expect(400);
      expect(empty.body).toMatchObject({ title: 'Invalid Request', errors: [{ parameters: { text: [] } }] });
      expect(empty.body.detail).toEqual(expect.any(String));
      expect(empty.body.type).toEqual(expect.any(String));
      await post({ text: 'a'.repeat(281) }).expect(400);
      await post({ text: 'a'.repeat(280) }).expect(201);
      await post({ text: '診'.repeat(141) }).expect(400);
      await post({ text: `${'b'.repeat(256)} https://example.com/${'x'.repeat(100)}` }).expect(201);
    });

    it('refuses unknown, unfinished or too many media ids', async () => {
      const unknown = await post({ text: 'pic', media: { media_ids: ['123'] } }).expect(400);
      expect(unknown.body.errors[0]).toEqual({
        parameters: { 'media.media_ids': ['123'] },
        message: expect.any(String),
      });
      const init = await request(h.server)
        .post('/2/media/upload/initialize')
        .set('Authorization', bearer(clinic))
        .send({ media_type: 'image/png', total_bytes: 3 })
        .expect(200);
      await post({ text: 'pic', media: { media_ids: [init.body.data.id] } }).expect(400);
      await post({ text: 'pics', media: { media_ids: ['1', '2', '3', '4', '5'] } }).expect(400);
    });

    it('threads a reply under a mention and refuses replies to unknown tweets', async () => {
      const mentionId = await h.mention(clinic.id, 'Are you open today?');
      const res = await post({ text: 'Yes, until 6pm', reply: { in_reply_to_tweet_id: mentionId } }).expect(
        201,
      );
      const [reply] = await h.published(clinic.id);
      expect(reply).toMatchObject({ id: res.body.data.id, inReplyToTweetId: mentionId });
      await post({ text: 'lost', reply: { in_reply_to_tweet_id: '42' } }).expect(403);
    });

    it('answers a malformed JSON body with 400 in the v2 shape', async () => {
      const res = await request(h.server)
        .post('/2/tweets')
        .set('Authorization', bearer(clinic))
        .set('Content-Type', 'application/json')
        .send('{"text":')
        .expect(400);
      expect(res.body.title).toBe('Invalid Request');
    });
  });

  describe('DELETE /2/tweets/:id', () => {
    it('deletes own tweets, which frees their text, and refuses other accounts', async () => {
      const created = await request(h.server)
        .post('/2/tweets')
        .set('Authorization', bearer(clinic))
        .send({ text: 'Typo' })
        .expect(201);
      const other = await h.account('other_clinic');
      await request(h.server)
        .delete(`/2/tweets/${created.body.data.id}`)
        .set('Authorization', bearer(other))
        .expect(403);
      const res = await request(h.server)
        .delete(`/2/tweets/${created.body.data.id}`)
        .set('Authorization', bearer(clinic))
        .expect(200);
      expect(res.body).toEqual({ data: { deleted: true } });
      expect((await h.published(clinic.id))[0].deleted).toBe(true);
      await request(h.server)
        .post('/2/tweets')
        .set('Authorization', bearer(clinic))
        .send({ text: 'Typo' })
        .expect(201);
    });
  });

  describe('GET /2/tweets', () => {
    const lookup = (query: Record<string, string>) =>
      request(h.server).get('/2/tweets').query(query).set('Authorization', bearer(clinic));
    const tweet = async (text: string) =>
      (
        await request(h.server)
          .post('/2/tweets')
          .set('Authorization', bearer(clinic))
          .send({ text })
          .expect(201)
      ).body.data.id as string;
    const setMetrics = (id: string, body: object) =>
      request(h.server).post(`/_sandbox/x/tweets/${id}/metrics`).send(body);

    it('answers the tweets in the order asked, with public_metrics when requested', async () => {
      const first = await tweet('Flu shots on Saturday');
      const second = await tweet('Closed on Monday');
      const res = await lookup({ ids: `${second},${first}`, 'tweet.fields': 'public_metrics' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-rate-limit-limit']).toBe('900');
      const zero = {
        retweet_count: 0,
        reply_count: 0,
        like_count: 0,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 0,
      };
      expect(res.body).toEqual({
        data: [
          {
            id: second,
            text: 'Closed on Monday',
            edit_history_tweet_ids: [second],
            public_metrics: zero,
          },
          { id: first, text: 'Flu shots on Saturday', edit_history_tweet_ids: [first], public_metrics: zero },
        ],
      });
      const plain = await lookup({ ids: first }).expect(200);
      expect(Object.keys(plain.body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    });

    it('counts replies from the tweets replying to it, and the rest from the counters the control API sets', async () => {
      const id = await tweet('New opening hours');
      await h.mention(clinic.id, 'Great news', { inReplyToTweetId: id });
      const deletedReply = await h.mention(clinic.id, 'Thanks!', { inReplyToTweetId: id });
      await h.mention(clinic.id, 'Unrelated question');
      const reply = h.state.findTweet(deletedReply);
      expect(reply).toBeDefined();
      if (reply) reply.deleted = true;
      const set = await setMetrics(id, { likes: 12, retweets: 3, quotes: 2, impressions: 480 }).expect(200);
      expect(set.body).toEqual({
        id,
        public_metrics: {
          retweet_count: 3,
          reply_count: 1,
          like_count: 12,
          quote_count: 2,
          bookmark_count: 0,
          impression_count: 480,
        },
      });
      await setMetrics(id, { likes: 13 }).expect(200);
      const res = await lookup({ ids: id, 'tweet.fields': 'public_metrics,created_at' }).expect(200);
      expect(res.body.data[0]).toMatchObject({
        created_at: new Date(h.clock).toISOString(),
        public_metrics: {
          like_count: 13,
          retweet_count: 3,
          quote_count: 2,
          reply_count: 1,
          impression_count: 480,
        },
      });
    });

    it('leaves unknown and deleted tweets out of data and reports each in errors', async () => {
      const kept = await tweet('Still here');
      const gone = await tweet('Typo');
      await request(h.server).delete(`/2/tweets/${gone}`).set('Authorization', bearer(clinic)).expect(200);
      const notFound = (id: string) => ({
        value: id,
        detail: `Could not find tweet with ids: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      });
      const res = await lookup({ ids: `${gone},${kept},42` }).expect(200);
      expect(res.body.data.map((t: TweetV2) => t.id)).toEqual([kept]);
      expect(res.body.errors).toEqual([notFound(gone), notFound('42')]);
      const none = await lookup({ ids: '42' }).expect(200);
      expect(none.body).toEqual({ errors: [notFound('42')] });
    });

    it('answers 400 without ids, with more than 100 or with an id that is not numeric', async () => {
      const missing = await lookup({}).expect(400);
      expect(missing.body).toMatchObject({
        title: 'Invalid Request',
        errors: [{ parameters: { ids: [] }, message: 'The `ids` query parameter can not be empty' }],
      });
      const ids = Array.from({ length: 101 }, (_, i) => String(1000 + i)).join(',');
      const tooMany = await lookup({ ids }).expect(400);
      expect(tooMany.body.errors[0].message).toBe(
        'The number of values in the `ids` query parameter list [101] is not between 1 and 100',
      );
      await lookup({ ids: ids.split(',').slice(0, 100).join(',') }).expect(200);
      const bad = await lookup({ ids: '12,abc' }).expect(400);
      expect(bad.body.errors[0]).toEqual({
        parameters: { ids: ['abc'] },
        message: 'The `ids` query parameter value [abc] is not valid',
      });
    });

    it('goes through the endpoint wrapper: auth, injected failures', async () => {
      const id = await tweet('Guarded');
      await request(h.server).get('/2/tweets').query({ ids: id }).expect(401);
      await request(h.server)
        .post('/_sandbox/x/failures')
        .send({ path: 'GET /2/tweets', kind: 'status', status: 429 })
        .expect(201);
      const limited = await lookup({ ids: id }).expect(429);
      expect(limited.body).toEqual(TOO_MANY);
      expect(limited.headers['x-rate-limit-remaining']).toBe('0');
      await lookup({ ids: id }).expect(200);
    });

    it('refuses metrics for an unknown or deleted tweet, and counters that are not whole numbers >= 0', async () => {
      const id = await tweet('Counted');
      await setMetrics('42', { likes: 1 }).expect(404);
      await setMetrics(id, { likes: -1 }).expect(400);
      await setMetrics(id, { impressions: 1.5 }).expect(400);
      await setMetrics(id, { likes: '3' }).expect(400);
      await setMetrics(id, {}).expect(400);
      await request(h.server).delete(`/2/tweets/${id}`).set('Authorization', bearer(clinic)).expect(200);
      await setMetrics(id, { likes: 1 }).expect(404);
    });
  });

  describe('GET /2/users/:id/mentions', () => {
    const mentions = (query: Record<string, string | number>, id = clinic.id) =>
      request(h.server).get(`/2/users/${id}/mentions`).query(query).set('Authorization', bearer(clinic));

    it('omits data when there is nothing, and keeps meta', async () => {
      const res = await mentions({}).expect(200);
      expect(res.body).toEqual({ meta: { result_count: 0 } });
    });

    it.each([['4'], ['101'], ['ten']])('rejects max_results=%s with the 400 shape', async (value) => {
      const res = await mentions({ max_results: value }).expect(400);
      expect(res.body).toEqual({
        errors: [
          {
            parameters: { max_results: [value] },
            message: `The \`max_results\` query parameter value [${value}] is not between 5 and 100`,
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    });

    it('pages newest first with next_token (default 10), honouring since_id and until_id', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) ids.push(await h.mention(clinic.id, `question ${i}`));
      const newestFirst = [...ids].reverse();
      const first = await mentions({}).expect(200);
      expect(first.body.data.map((t: TweetV2) => t.id)).toEqual(newestFirst.slice(0, 10));
      expect(first.body.meta).toEqual({
        result_count: 10,
        newest_id: newestFirst[0],
        oldest_id: newestFirst[9],
        next_token: expect.any(String),
      });
      const second = await mentions({ pagination_token: first.body.meta.next_token }).expect(200);
      expect(second.body.data.map((t: TweetV2) => t.id)).toEqual(newestFirst.slice(10, 20));
      const last = await mentions({ next_token: second.body.meta.next_token }).expect(200);
      expect(last.body.meta.result_count).toBe(3);
      expect(last.body.meta.next_token).toBeUndefined();

      const since = await mentions({ since_id: ids[17], until_id: ids[21] }).expect(200);
      expect(since.body.data.map((t: TweetV2) => t.id)).toEqual([ids[20], ids[19], ids[18]]);
      await mentions({ pagination_token: 'garbage' }).expect(400);
    });

    it('adds the requested tweet.fields and expansions=author_id users', async () => {
      const posted = await request(h.server)
        .post('/2/tweets')
        .set('Authorization', bearer(clinic))
        .send({ text: 'New opening hours' })
        .expect(201);
      const mentionId = await h.mention(clinic.id, '@clinic thanks!', {
        inReplyToTweetId: posted.body.data.id,
      });
      const res = await mentions({
        'tweet.fields': 'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets',
        expansions: 'author_id',
      }).expect(200);
      const author = res.body.includes.users[0];
      expect(author).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'patient_anna',
        username: 'patient_anna',
      });
      expect(res.body.data).toEqual([
        {
          id: mentionId,
          text: '@clinic thanks!',
          edit_history_tweet_ids: [mentionId],
          created_at: new Date(h.clock).toISOString(),
          author_id: author.id,
          conversation_id: posted.body.data.id,
          in_reply_to_user_id: clinic.id,
          referenced_tweets: [{ type: 'replied_to', id: posted.body.data.id }],
        },
      ]);
      const plain = await mentions({}).expect(200);
      expect(Object.keys(plain.body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
      expect(plain.body.includes).toBeUndefined();
    });

    it('reaches only the 800 most recent mentions', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 805; i++) ids.push(await h.mention(clinic.id, `m${i}`));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const res = await mentions({
          max_results: 100,
          ...(token ? { pagination_token: token } : {}),
        }).expect(200);
        seen.push(...res.body.data.map((t: TweetV2) => t.id));
        token = res.body.meta.next_token;
      } while (token);
      expect(seen).toHaveLength(800);
      expect(seen).not.toContain(ids[4]);
      expect(seen).toContain(ids[5]);
    });
  });

  describe('media upload', () => {
    const auth = () => bearer(clinic);
    const init = (body: object) =>
      request(h.server).post('/2/media/upload/initialize').set('Authorization', auth()).send(body);
    const append = (id: string, index: number, bytes: Buffer) => {
      const { body, contentType } = multipart(index, bytes);
      return request(h.server)
        .post(`/2/media/upload/${id}/append`)
        .set('Authorization', auth())
        .set('Content-Type', contentType)
        .send(body);
    };
    const finalize = (id: string) =>
      request(h.server).post(`/2/media/upload/${id}/finalize`).set('Authorization', auth()).send({});

    it('assembles the appended segments byte for byte and lets a tweet use the media', async () => {
      const bytes = awkwardBytes(5000);
      const started = await init({
        media_type: 'image/png',
        total_bytes: 5000,
        media_category: 'tweet_image',
      }).expect(200);
      const id: string = started.body.data.id;
      expect(started.body.data).toEqual({ id, media_key: `3_${id}`, expires_after_secs: expect.any(Number) });
      await append(id, 1, bytes.subarray(3000)).expect(200);
      await append(id, 0, bytes.subarray(0, 3000)).expect(200);
      const done = await finalize(id).expect(200);
      expect(done.body.data).toEqual({
        id,
        media_key: `3_${id}`,
        size: 5000,
        expires_after_secs: expect.any(Number),
      });
      await request(h.server)
        .post('/2/tweets')
        .set('Authorization', auth())
        .send({ text: 'Our new waiting room', media: { media_ids: [id] } })
        .expect(201);
      const [tweet] = await h.published(clinic.id);
      expect(tweet.media).toEqual([expect.objectContaining({ id, size: 5000, sha256: sha256(bytes) })]);
    });

    it('refuses to finalize when the segments miss bytes', async () => {
      const started = await init({ media_type: 'image/png', total_bytes: 10 }).expect(200);
      await append(started.body.data.id, 0, Buffer.alloc(9)).expect(200);
      const res = await finalize(started.body.data.id).expect(400);
      expect(res.body.title).toBe('Invalid Request');
    });

    it('reports video processing through STATUS until it succeeds', async () => {
      const started = await init({
        media_type: 'video/mp4',
        total_bytes: 4,
        media_category: 'tweet_video',
      }).expect(200);
      const id: string = started.body.data.id;
      await append(id, 0, Buffer.from('abcd')).expect(200);
      const done = await finalize(id).expect(200);
      expect(done.body.data.processing_info).toEqual({ state: 'pending', check_after_secs: 2 });
      const status = () =>
        request(h.server)
          .get('/2/media/upload')
          .query({ command: 'STATUS', media_id: id })
          .set('Authorization', auth());
      expect((await status().expect(200)).body.data.processing_info.state).toBe('in_progress');
      await request(h.server)
        .post('/2/tweets')
        .set('Authorization', auth())
        .send({ text: 'clip', media: { media_ids: [id] } })
        .expect(400);
      h.clock += 2000;
      expect((await status().expect(200)).body.data.processing_info.state).toBe('succeeded');
    });

    it('stores alt text up to 1,000 characters and refuses longer', async () => {
      const started = await init({ media_type: 'image/jpeg', total_bytes: 1 }).expect(200);
      const id: string = started.body.data.id;
      const meta = (text: string) =>
        request(h.server)
          .post('/2/media/metadata')
          .set('Authorization', auth())
          .send({ id, metadata: { alt_text: { text } } });
      await meta('x'.repeat(1001)).expect(400);
      await meta('x'.repeat(1000)).expect(200);
      expect(h.state.findMedia(id)?.altText).toHaveLength(1000);
    });
  });

  describe('failure injection', () => {
    const inject = (failure: object) =>
      request(h.server).post('/_sandbox/x/failures').send(failure).expect(201);
    const tweet = (text: string, account = clinic) =>
      request(h.server).post('/2/tweets').set('Authorization', bearer(account)).send({ text });

    it('answers the injected status the given number of times, for the given account only', async () => {
      await inject({ account: 'clinic', path: 'POST /2/tweets', kind: 'status', status: 503, times: 2 });
      const other = await h.account('other_clinic');
      await tweet('elsewhere', other).expect(201);
      const res = await tweet('a').expect(503);
      expect(res.body).toEqual({
        title: 'Service Unavailable',
        type: 'about:blank',
        status: 503,
        detail: 'Service Unavailable',
      });
      await tweet('a').expect(503);
      await tweet('a').expect(201);
      expect((await h.published(clinic.id)).map((t) => t.text)).toEqual(['a']);
    });

    it('injects 401 and 429 with their contract bodies', async () => {
      await inject({ path: 'GET /2/users/me', kind: 'status', status: 401 });
      await inject({ path: 'GET /2/users/me', kind: 'status', status: 429 });
      const unauthorized = await request(h.server)
        .get('/2/users/me')
        .set('Authorization', bearer(clinic))
        .expect(401);
      expect(unauthorized.body).toEqual(UNAUTHORIZED);
      const limited = await request(h.server)
        .get('/2/users/me')
        .set('Authorization', bearer(clinic))
        .expect(429);
      expect(limited.body).toEqual(TOO_MANY);
      expect(limited.headers['x-rate-limit-remaining']).toBe('0');
    });

    it('delays a slow answer', async () => {
      await inject({ path: 'POST /2/tweets', kind: 'slow', delayMs: 300 });
      const started = Date.now();
      await tweet('slow').expect(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('performs the action and then drops the connection without answering', async () => {
      await inject({ path: 'POST /2/tweets', kind: 'drop_after_accept' });
      await expect(tweet('accepted but lost')).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect((await h.published(clinic.id)).map((t) => t.text)).toEqual(['accepted but lost']);
      await tweet('accepted but lost').expect(403);
    });
  });
});

describe('X emulator driven by twitter-api-v2 1.29.1', () => {
  let h: Harness;
  let clinic: CreatedAccount;

  /** Sends every request of the client to the emulator instead of api.x.com. */
  const redirect = (): ITwitterApiClientPlugin => ({
    onBeforeRequest({ computedParams }) {
      computedParams.url.protocol = 'http:';
      computedParams.url.hostname = '127.0.0.1';
      computedParams.url.port = String(h.port);
    },
  });
  const clientFor = (token: string) =>
    new TwitterApi(token, { plugins: [redirect()], httpAgent: new http.Agent() });
  const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
    try {
      await promise;
    } catch (err) {
      return err;
    }
    throw new Error('expected the call to fail');
  };

  beforeEach(async () => {
    h = await Harness.start({
      now: Date.now,
      rateLimits: { 'POST /2/tweets': { limit: 3, windowMs: FIFTEEN_MINUTES } },
    });
    clinic = await h.account('clinic');
  });
  afterEach(() => h.close());

  it('tweets, and gets ApiResponseError 403 for a duplicate', async () => {
    const client = clientFor(clinic.accessToken);
    const { data } = await client.v2.tweet('Vaccination week starts Monday');
    expect(data.id).toMatch(/^\d+$/);
    expect((await h.published(clinic.id)).map((t) => t.id)).toEqual([data.id]);
    const err = await rejection(client.v2.tweet('Vaccination week starts Monday'));
    expect(err).toBeInstanceOf(ApiResponseError);
    expect((err as ApiResponseError).code).toBe(403);
    expect((err as ApiResponseError).data).toEqual(DUPLICATE);
  });

  it('reports a bad token as an auth error', async () => {
    const err = await rejection(clientFor('not-a-token').v2.me());
    expect(err).toBeInstanceOf(ApiResponseError);
    expect((err as ApiResponseError).isAuthError).toBe(true);
    expect((err as ApiResponseError).data).toEqual(UNAUTHORIZED);
  });

  it('reports the exhausted window as a rate-limit error with its reset', async () => {
    const client = clientFor(clinic.accessToken);
    for (let i = 0; i < 3; i++) await client.v2.tweet(`reminder ${i}`);
    const err = (await rejection(client.v2.tweet('reminder 3'))) as ApiResponseError;
    expect(err.rateLimitError).toBe(true);
    expect(err.code).toBe(429);
    expect(err.rateLimit?.remaining).toBe(0);
    expect(err.rateLimit?.limit).toBe(3);
    expect(err.rateLimit?.reset).toBeGreaterThan(Date.now() / 1000 + 14 * 60);
  });

  it('signs in with OAuth 1.0a tokens too', async () => {
    const client = new TwitterApi(
      {
        appKey: 'app',
        appSecret: 'secret',
        accessToken: clinic.oauth1Token,
        accessSecret: clinic.oauth1Secret,
      },
      { plugins: [redirect()], httpAgent: new http.Agent() },
    );
    const me = await client.v2.me();
    expect(me.data).toEqual({ id: clinic.id, name: 'clinic Name', username: 'clinic' });
  });

  it('paginates the mention timeline through next_token from since_id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 18; i++) ids.push(await h.mention(clinic.id, `question ${i}`));
    const client = clientFor(clinic.accessToken);
    const timeline = await client.v2.userMentionTimeline(clinic.id, {
      since_id: ids[2],
      max_results: 5,
      expansions: ['author_id'],
      'tweet.fields': ['created_at', 'author_id'],
    });
    const seen: string[] = [];
    for await (const tweet of timeline) seen.push(tweet.id);
    expect(seen).toEqual(ids.slice(3).reverse());
    expect(timeline.done).toBe(true);
    // 15 mentions in pages of 5: three requests, each expanding the author (the client concatenates includes).
    expect(timeline.includes.users.map((u) => u.username)).toEqual([
      'patient_anna',
      'patient_anna',
      'patient_anna',
    ]);
    expect(timeline.tweets[0].author_id).toBe(timeline.includes.users[0].id);
  });

  it('uploads media in chunks, tweets it and sets its alt text', async () => {
    const client = clientFor(clinic.accessToken);
    const png = awkwardBytes(2500);
    const mediaId = await client.v2.uploadMedia(png, { media_type: 'image/png' }, 1000);
    await client.v2.createMediaMetadata(mediaId, { alt_text: { text: 'The renovated waiting room' } });
    const { data } = await client.v2.tweet('Renovation done', { media: { media_ids: [mediaId] } });
    const [tweet] = await h.published(clinic.id);
    expect(tweet.id).toBe(data.id);
    expect(tweet.media).toEqual([
      {
        id: mediaId,
        mediaType: 'image/png',
        size: 2500,
        sha256: sha256(png),
        altText: 'The renovated waiting room',
      },
    ]);
    const tooLong = (await rejection(
      client.v2.createMediaMetadata(mediaId, { alt_text: { text: 'x'.repeat(1001) } }),
    )) as ApiResponseError;
    expect(tooLong.code).toBe(400);
  });

  it('waits for video processing before uploadMedia resolves', async () => {
    const client = clientFor(clinic.accessToken);
    const started = Date.now();
    const mediaId = await client.v2.uploadMedia(Buffer.from('fake mp4'), { media_type: 'video/mp4' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    await client.v2.tweet('Tour of the practice', { media: { media_ids: [mediaId] } });
    expect((await h.published(clinic.id))[0].media[0].id).toBe(mediaId);
  });

  it('looks tweets up with their public metrics, unknown ones reported in errors', async () => {
    const client = clientFor(clinic.accessToken);
    const { data } = await client.v2.tweet('Vaccination week');
    await request(h.server)
      .post(`/_sandbox/x/tweets/${data.id}/metrics`)
      .send({ likes: 5, retweets: 1, impressions: 90 })
      .expect(200);
    await h.mention(clinic.id, 'When exactly?', { inReplyToTweetId: data.id });
    const found = await client.v2.tweets([data.id, '42'], { 'tweet.fields': ['public_metrics'] });
    expect(found.data).toEqual([
      expect.objectContaining({
        id: data.id,
        public_metrics: {
          retweet_count: 1,
          reply_count: 1,
          like_count: 5,
          quote_count: 0,
          bookmark_count: 0,
          impression_count: 90,
        },
      }),
    ]);
    expect(found.errors).toEqual([expect.objectContaining({ resource_id: '42', title: 'Not Found Error' })]);
  });

  it('surfaces a dropped connection as a request error although the tweet was published', async () => {
    await request(h.server)
      .post('/_sandbox/x/failures')
      .send({ path: 'POST /2/tweets', kind: 'drop_after_accept' })
      .expect(201);
    const err = await rejection(clientFor(clinic.accessToken).v2.tweet('Lost answer'));
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((await h.published(clinic.id)).map((t) => t.text)).toEqual(['Lost answer']);
  });
});

describe('X emulator refresh tokens', () => {
  let h: Harness;
  let clinic: CreatedAccount;

  beforeEach(async () => {
    h = await Harness.start();
    clinic = await h.account('clinic');
    h.state.oauth.registerClient('app', null);
  });
  afterEach(() => h.close());

  /** A refresh token issued through the sign-in (code redeemed with its PKCE verifier). */
  function refreshToken(clientId = 'app'): string {
    const code = h.state.oauth.issueCode({
      accountId: clinic.id,
      clientId,
      redirectUri: 'http://carecast.test/back',
      challenge: 'verifier',
      method: 'plain',
      scope: 'tweet.read offline.access',
    });
    const granted = h.state.oauth.redeem(code, clientId, 'http://carecast.test/back', 'verifier');
    if (!granted?.refresh_token) throw new Error('no refresh token issued');
    return granted.refresh_token;
  }

  const refresh = (token: string) =>
    request(h.server)
      .post('/2/oauth2/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: token, client_id: 'app' });

  it('trades a refresh token once, and tells every use of it', async () => {
    const token = refreshToken();
    const first = await refresh(token).expect(200);
    expect(first.body.refresh_token).toEqual(expect.any(String));
    expect(first.body.refresh_token).not.toBe(token);
    await refresh(token).expect(400);
    await refresh('never-issued').expect(400);

    const uses = await request(h.server).get(`/_sandbox/x/oauth/refreshes?account=${clinic.id}`).expect(200);
    expect(uses.body.data).toEqual([
      { accountId: clinic.id, accepted: true, at: expect.any(String) },
      { accountId: clinic.id, accepted: false, at: expect.any(String) },
    ]);
    await request(h.server).get('/_sandbox/x/oauth/refreshes?account=nobody').expect(400);
  });

  it('refuses a client X does not know, and a confidential client without its secret (401 unauthorized_client)', async () => {
    const token = refreshToken();
    const unknown = await request(h.server)
      .post('/2/oauth2/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: token, client_id: 'not-registered' })
      .expect(401);
    expect(unknown.body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Missing valid authorization header',
    });

    await request(h.server)
      .post('/_sandbox/x/oauth/clients')
      .send({ clientId: 'carecast', clientSecret: 's3cret' })
      .expect(201);
    const confidential = refreshToken('carecast');
    const grant = (auth?: [string, string]) => {
      const req = request(h.server).post('/2/oauth2/token').type('form');
      if (auth) req.auth(...auth);
      return req.send({ grant_type: 'refresh_token', refresh_token: confidential, client_id: 'carecast' });
    };
    await grant().expect(401);
    await grant(['carecast', 'wrong']).expect(401);
    await grant(['someone-else', 's3cret']).expect(401);
    // None of the refused requests spent the refresh token.
    await grant(['carecast', 's3cret']).expect(200);
  });

  it('shows no consent page for a client X does not know', async () => {
    const query = {
      response_type: 'code',
      redirect_uri: 'http://carecast.test/back',
      state: 'st',
      code_challenge: 'verifier',
      code_challenge_method: 'plain',
      scope: 'tweet.read',
    };
    const refused = await request(h.server)
      .get('/i/oauth2/authorize')
      .query({ ...query, client_id: 'not-registered' })
      .expect(400);
    expect(refused.text).toMatch(/not registered/);
    await request(h.server)
      .get('/i/oauth2/authorize')
      .query({ ...query, client_id: 'app' })
      .expect(200);
  });

  it('answers failures injected for the token endpoint without spending the refresh token', async () => {
    const token = refreshToken();
    await request(h.server)
      .post('/_sandbox/x/failures')
      .send({ path: 'POST /2/oauth2/token', kind: 'status', status: 503, account: 'clinic' })
      .expect(201);
    await refresh(token).expect(503);
    await refresh(token).expect(200);
  });
});
