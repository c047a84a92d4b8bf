import { Router, type Response } from 'express';
import type { XFailure, XFailureKind } from './x-failures';
import { normalizeKey } from './x-failures';
import { publicMetrics } from './x-mentions';
import type { XState } from './x-state';
import { isRecord } from './x-tweets';
import type { XTweet, XTweetCounters } from './x-types';

const FAILURE_KINDS: XFailureKind[] = ['status', 'slow', 'drop_after_accept'];
const INJECTABLE_STATUSES = [400, 401, 403, 404, 429, 500, 502, 503, 504];
const COUNTERS: Array<keyof XTweetCounters> = ['likes', 'retweets', 'quotes', 'impressions'];

/** The sandbox's control API for tests and demos: accounts, mentions, metrics, failures, inspection. */
export function createXControlRouter(state: XState): Router {
  const router = Router();
  router.post('/accounts', (req, res) => {
    const body: unknown = req.body;
    if (!isRecord(body) || typeof body['username'] !== 'string' || !body['username'].trim()) {
      return badRequest(res, 'username (string) is required');
    }
    const account = state.upsertAccount({
      username: body['username'].trim(),
      name: typeof body['name'] === 'string' ? body['name'] : body['username'],
      accessToken: optionalString(body['accessToken']),
      oauth1Token: optionalString(body['oauth1Token']),
      oauth1Secret: optionalString(body['oauth1Secret']),
    });
    res.status(201).json(account);
  });
  router.get('/accounts/:id/tweets', (req, res) => {
    const account = state.findAccount(req.params.id);
    if (!account) return notFound(res, `No X account ${req.params.id}`);
    res.json({ data: state.tweetsBy(account.id).map((t) => publishedTweet(state, t)) });
  });
  router.post('/mentions', (req, res) => {
    const result = injectMention(state, req.body);
    if (typeof result === 'string') return badRequest(res, result);
    res.status(201).json({ id: result.id, text: result.text, authorId: result.authorId });
  });
  router.post('/tweets/:id/metrics', (req, res) => {
    const tweet = state.findTweet(req.params.id);
    if (!tweet) return notFound(res, `No live X tweet ${req.params.id}`);
    const counters = parseCounters(req.body);
    if (typeof counters === 'string') return badRequest(res, counters);
    tweet.counters = { likes: 0, retweets: 0, quotes: 0, impressions: 0, ...tweet.counters, ...counters };
    res.json({ id: tweet.id, public_metrics: publicMetrics(state, tweet) });
  });
  router.post('/failures', (req, res) => {
    const failure = parseFailure(req.body);
    if (typeof failure === 'string') return badRequest(res, failure);
    state.failures.add(failure);
    res.status(201).json(failure);
  });
  router.get('/failures', (_req, res) => res.json({ data: state.failures.pending() }));
  router.post('/tokens/expire', (req, res) => {
    const token: unknown = isRecord(req.body) ? req.body['token'] : undefined;
    if (typeof token !== 'string' || !state.oauth.expire(token)) {
      return badRequest(res, 'token must be an access token issued through OAuth 2.0');
    }
    res.status(204).end();
  });
  router.post('/oauth/clients', (req, res) => {
    const body: unknown = req.body;
    const clientId = isRecord(body) ? body['clientId'] : undefined;
    const clientSecret = isRecord(body) ? (body['clientSecret'] ?? null) : null;
    if (typeof clientId !== 'string' || !clientId) return badRequest(res, 'clientId (string) is required');
    if (clientSecret !== null && (typeof clientSecret !== 'string' || !clientSecret)) {
      return badRequest(res, 'clientSecret must be a non-empty string, or absent for a public client');
    }
    state.oauth.registerClient(clientId, clientSecret);
    res.status(201).json({ clientId, confidential: clientSecret !== null });
  });
  router.get('/oauth/refreshes', (req, res) => {
    const account =
      typeof req.query['account'] === 'string' ? state.findAccount(req.query['account']) : undefined;
    if (!account) return badRequest(res, 'account must be the id or username of an X account');
    res.json({ data: state.oauth.refreshesOf(account.id) });
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });
  return router;
}

/** A mention of an account by someone else (the control API's and the home page's); a string says what is wrong. */
export function injectMention(state: XState, body: unknown): XTweet | string {
  if (!isRecord(body)) return 'a JSON body is required';
  const account = typeof body['account'] === 'string' ? state.findAccount(body['account']) : undefined;
  if (!account) return 'account must be the id or username of an X account';
  const text = body['text'];
  const authorUsername = body['authorUsername'];
  if (typeof text !== 'string' || !text) return 'text (string) is required';
  if (typeof authorUsername !== 'string' || !authorUsername) return 'authorUsername (string) is required';
  const replyTo = optionalString(body['inReplyToTweetId']);
  const replied = replyTo ? state.findTweet(replyTo) : undefined;
  if (replyTo && !replied) return `inReplyToTweetId ${replyTo} is not a known tweet`;
  const author = state.userByUsername(authorUsername, optionalString(body['authorName']));
  const id = state.newTweetId();
  const mention = new RegExp(`@${account.username}\\b`, 'i').test(text)
    ? text
    : `@${account.username} ${text}`;
  const tweet: XTweet = {
    id,
    text: mention,
    authorId: author.id,
    createdAt: new Date(state.now()),
    conversationId: replied?.conversationId ?? id,
    inReplyToUserId: replied ? replied.authorId : undefined,
    referencedTweets: replied ? [{ type: 'replied_to', id: replied.id }] : undefined,
  };
  state.addMention(account.id, tweet);
  return tweet;
}

/** The counters to set (each a whole number >= 0); the ones not given keep their value. */
function parseCounters(body: unknown): Partial<XTweetCounters> | string {
  if (!isRecord(body)) return 'a JSON body is required';
  const counters: Partial<XTweetCounters> = {};
  for (const name of COUNTERS) {
    const value = body[name];
    if (value === undefined) continue;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      return `${name} must be a whole number >= 0`;
    }
    counters[name] = value;
  }
  return Object.keys(counters).length ? counters : `give at least one of ${COUNTERS.join(', ')}`;
}

function parseFailure(body: unknown): XFailure | string {
  if (!isRecord(body)) return 'a JSON body is required';
  const { account, path, kind, status, delayMs, times } = body;
  if (typeof path !== 'string' || !/^[A-Za-z]+\s+\/\S*$/.test(path.trim())) {
    return 'path must look like "POST /2/tweets"';
  }
  if (!FAILURE_KINDS.includes(kind as XFailureKind)) return `kind must be one of ${FAILURE_KINDS.join(', ')}`;
  if (kind === 'status' && !INJECTABLE_STATUSES.includes(Number(status))) {
    return `status must be one of ${INJECTABLE_STATUSES.join(', ')}`;
  }
  if (kind === 'slow' && !(typeof delayMs === 'number' && delayMs >= 0))
    return 'delayMs must be a number >= 0';
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
    return 'times must be a positive integer';
  }
  return {
    account: optionalString(account),
    path: normalizeKey(path),
    kind: kind as XFailureKind,
    ...(kind === 'status' ? { status: Number(status) } : {}),
    ...(kind === 'slow' ? { delayMs: Number(delayMs) } : {}),
    times: typeof times === 'number' ? times : 1,
  };
}

function publishedTweet(state: XState, tweet: XTweet) {
  return {
    id: tweet.id,
    text: tweet.text,
    createdAt: tweet.createdAt.toISOString(),
    deleted: tweet.deleted === true,
    inReplyToTweetId: tweet.referencedTweets?.find((r) => r.type === 'replied_to')?.id,
    media: (tweet.mediaIds ?? []).map((id) => {
      const media = state.findMedia(id);
      return {
        id,
        mediaType: media?.mediaType,
        size: media?.size,
        sha256: media?.sha256,
        altText: media?.altText,
      };
    }),
  };
}

function badRequest(res: Response, message: string): void {
  res.status(400).json({ error: 'bad_request', message });
}

function notFound(res: Response, message: string): void {
  res.status(404).json({ error: 'not_found', message });
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
