import type { Request } from 'express';
import type { XContext } from './x-endpoint';
import { invalidRequest, ok } from './x-problems';
import { compareIds, isNumericId, type XState } from './x-state';
import type { XReply, XTweet, XUser } from './x-types';

/** Only this many of the most recent mentions are reachable, as on the real API. */
export const MENTIONS_REACHABLE = 800;
const DEFAULT_MAX_RESULTS = 10;

interface MentionsQuery {
  maxResults: number;
  sinceId?: string;
  untilId?: string;
  startTime?: number;
  endTime?: number;
  /** Id of the last tweet of the previous page. */
  after?: string;
  tweetFields: Set<string>;
  expansions: Set<string>;
}

type Parsed<T> = { value: T } | { error: XReply };

/** `GET /2/users/me`. */
export function usersMe({ account }: XContext): XReply {
  return ok({ data: { id: account.id, name: account.name, username: account.username } });
}

/** `GET /2/users/:id/mentions`: the account's mentions, newest first (the 800 most recent). */
export function userMentions(ctx: XContext): XReply {
  return timeline(ctx, (state, id) => {
    const account = state.findAccount(id);
    return account && account.id === id ? state.mentionsOf(id).slice(0, MENTIONS_REACHABLE) : null;
  });
}

/** `GET /2/users/:id/tweets`: what the user posted, newest first. */
export function userTweets(ctx: XContext): XReply {
  return timeline(ctx, (state, id) =>
    state.findUser(id)
      ? state
          .tweetsBy(id)
          .filter((t) => !t.deleted)
          .sort((a, b) => compareIds(b.id, a.id))
      : null,
  );
}

/** A user's timeline (newest first) filtered by the query's ids and times, one page at a time. */
function timeline(
  { req, state }: XContext,
  tweetsOf: (state: XState, id: string) => XTweet[] | null,
): XReply {
  const id = String(req.params['id']);
  if (!isNumericId(id))
    return invalidRequest({ id: [id] }, `The \`id\` query parameter value [${id}] is not valid`);
  const parsed = parseMentionsQuery(req);
  if ('error' in parsed) return parsed.error;
  const tweets = tweetsOf(state, id);
  if (!tweets) return userNotFound(id);
  const query = parsed.value;
  const matching = tweets.filter((t) => inRange(t, query));
  const start = query.after ? matching.findIndex((t) => compareIds(t.id, query.after ?? '0') < 0) : 0;
  const page = start < 0 ? [] : matching.slice(start, start + query.maxResults);
  const hasMore = start >= 0 && start + query.maxResults < matching.length;
  return ok(mentionsBody(state, page, query, hasMore));
}

function parseMentionsQuery(req: Request): Parsed<MentionsQuery> {
  const q = (name: string) => queryString(req, name);
  const maxResults = q('max_results') ?? String(DEFAULT_MAX_RESULTS);
  if (!/^\d+$/.test(maxResults) || Number(maxResults) < 5 || Number(maxResults) > 100) {
    return paramError('max_results', maxResults, `is not between 5 and 100`);
  }
  for (const name of ['since_id', 'until_id']) {
    const value = q(name);
    if (value !== undefined && !isNumericId(value)) return paramError(name, value, 'is not valid');
  }
  const times = parseTimes(q('start_time'), q('end_time'));
  if ('error' in times) return times;
  const token = q('pagination_token') ?? q('next_token');
  const after = token === undefined ? undefined : decodeToken(token);
  if (token !== undefined && !after) return paramError('pagination_token', token, 'is not valid');
  return {
    value: {
      maxResults: Number(maxResults),
      sinceId: q('since_id'),
      untilId: q('until_id'),
      ...times.value,
      after,
      tweetFields: csv(q('tweet.fields')),
      expansions: csv(q('expansions')),
    },
  };
}

function parseTimes(start?: string, end?: string): Parsed<{ startTime?: number; endTime?: number }> {
  const startTime = start === undefined ? undefined : Date.parse(start);
  const endTime = end === undefined ? undefined : Date.parse(end);
  if (start !== undefined && Number.isNaN(startTime)) return paramError('start_time', start, 'is not valid');
  if (end !== undefined && Number.isNaN(endTime)) return paramError('end_time', end, 'is not valid');
  return { value: { startTime, endTime } };
}

function inRange(tweet: XTweet, query: MentionsQuery): boolean {
  const time = tweet.createdAt.getTime();
  return (
    (query.sinceId === undefined || compareIds(tweet.id, query.sinceId) > 0) &&
    (query.untilId === undefined || compareIds(tweet.id, query.untilId) < 0) &&
    (query.startTime === undefined || time >= query.startTime) &&
    (query.endTime === undefined || time < query.endTime)
  );
}

function mentionsBody(state: XState, page: XTweet[], query: MentionsQuery, hasMore: boolean) {
  const meta = {
    result_count: page.length,
    ...(page.length ? { newest_id: page[0].id, oldest_id: page[page.length - 1].id } : {}),
    ...(hasMore ? { next_token: encodeToken(page[page.length - 1].id) } : {}),
  };
  if (!page.length) return { meta };
  const includes = buildIncludes(state, page, query.expansions);
  return {
    data: page.map((t) => renderTweet(state, t, query.tweetFields)),
    ...(includes ? { includes } : {}),
    meta,
  };
}

/** A tweet as v2 renders it: id, text, edit history and the requested fields. */
export function renderTweet(state: XState, tweet: XTweet, fields: Set<string>): Record<string, unknown> {
  const optional: Record<string, unknown> = {
    created_at: tweet.createdAt.toISOString(),
    author_id: tweet.authorId,
    conversation_id: tweet.conversationId,
    in_reply_to_user_id: tweet.inReplyToUserId,
    referenced_tweets: tweet.referencedTweets,
    attachments: tweet.mediaIds ? { media_keys: tweet.mediaIds.map((id) => `3_${id}`) } : undefined,
  };
  const rendered: Record<string, unknown> = {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
  };
  for (const [field, value] of Object.entries(optional)) {
    if (fields.has(field) && value !== undefined) rendered[field] = value;
  }
  if (fields.has('public_metrics')) rendered['public_metrics'] = publicMetrics(state, tweet);
  return rendered;
}

/** `public_metrics`: replies counted from the tweets that reply to it, the rest from its counters. */
export function publicMetrics(state: XState, tweet: XTweet) {
  return {
    retweet_count: tweet.counters?.retweets ?? 0,
    reply_count: state.replyCount(tweet.id),
    like_count: tweet.counters?.likes ?? 0,
    quote_count: tweet.counters?.quotes ?? 0,
    bookmark_count: 0,
    impression_count: tweet.counters?.impressions ?? 0,
  };
}

function buildIncludes(state: XState, page: XTweet[], expansions: Set<string>) {
  const userIds = new Set<string>();
  if (expansions.has('author_id')) page.forEach((t) => userIds.add(t.authorId));
  if (expansions.has('in_reply_to_user_id')) {
    page.forEach((t) => t.inReplyToUserId && userIds.add(t.inReplyToUserId));
  }
  const users = [...userIds]
    .map((id) => state.findUser(id))
    .filter((u): u is XUser => u !== undefined)
    .map((u) => ({ id: u.id, name: u.name, username: u.username }));
  const tweets = expansions.has('referenced_tweets.id') ? referencedTweets(state, page) : [];
  if (!users.length && !tweets.length) return undefined;
  return { ...(users.length ? { users } : {}), ...(tweets.length ? { tweets } : {}) };
}

function referencedTweets(state: XState, page: XTweet[]): Record<string, unknown>[] {
  const ids = new Set(page.flatMap((t) => (t.referencedTweets ?? []).map((r) => r.id)));
  return [...ids]
    .map((id) => state.findTweet(id))
    .filter((t): t is XTweet => t !== undefined)
    .map((t) => renderTweet(state, t, new Set()));
}

function userNotFound(id: string): XReply {
  return ok({
    errors: [
      {
        value: id,
        detail: `Could not find user with id: [${id}].`,
        title: 'Not Found Error',
        resource_type: 'user',
        parameter: 'id',
        resource_id: id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ],
  });
}

function paramError(name: string, value: string, problemText: string): { error: XReply } {
  return {
    error: invalidRequest(
      { [name]: [value] },
      `The \`${name}\` query parameter value [${value}] ${problemText}`,
    ),
  };
}

export function queryString(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : undefined;
}

export function csv(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function encodeToken(lastId: string): string {
  return Buffer.from(`after:${lastId}`).toString('base64url');
}

function decodeToken(token: string): string | undefined {
  const decoded = /^after:(\d{1,19})$/.exec(Buffer.from(token, 'base64url').toString());
  return decoded?.[1];
}
