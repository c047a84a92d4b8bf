import type { XContext } from './x-endpoint';
import { csv, queryString, renderTweet } from './x-mentions';
import { duplicateContent, invalidRequest, ok, problem } from './x-problems';
import { isNumericId, type XState } from './x-state';
import { MAX_WEIGHTED_LENGTH, weightedLength } from './x-text';
import type { XAccount, XReferencedTweet, XReply, XTweet } from './x-types';

interface TweetRequest {
  text?: string;
  replyTo?: string;
  quoteTweetId?: string;
  mediaIds?: string[];
}

type Parsed<T> = { value: T } | { error: XReply };

/** Most ids one `GET /2/tweets` takes, as on the real API. */
export const LOOKUP_MAX_IDS = 100;

/** `POST /2/tweets`. */
export function createTweet({ req, account, state }: XContext): XReply {
  const parsed = parseTweetRequest(req.body);
  if ('error' in parsed) return parsed.error;
  const request = parsed.value;
  const problemReply =
    checkText(request) ??
    checkMedia(state, account, request.mediaIds) ??
    checkDuplicate(state, account, request);
  if (problemReply) return problemReply;
  const replied = request.replyTo ? state.findTweet(request.replyTo) : undefined;
  if (request.replyTo && !replied) {
    return problem(
      403,
      'Forbidden',
      'You attempted to reply to a Tweet that is deleted or not visible to you.',
    );
  }
  const tweet = state.addTweet(buildTweet(state, account, request, replied));
  return ok({ data: { id: tweet.id, text: tweet.text } }, 201);
}

/** `DELETE /2/tweets/:id`. */
export function deleteTweet({ req, account, state }: XContext): XReply {
  const id = String(req.params['id']);
  if (!isNumericId(id))
    return invalidRequest({ id: [id] }, `The \`id\` query parameter value [${id}] is not valid`);
  const tweet = state.findTweet(id);
  if (!tweet) return ok({ data: { deleted: false } });
  if (tweet.authorId !== account.id) {
    return problem(403, 'Forbidden', 'You are not authorized to delete this Tweet.');
  }
  tweet.deleted = true;
  return ok({ data: { deleted: true } });
}

/**
 * `GET /2/tweets?ids=...`: the tweets in the order asked, with the requested `tweet.fields`; an
 * unknown or deleted id is left out of `data` and reported in `errors` (still 200).
 */
export function lookupTweets({ req, state }: XContext): XReply {
  const raw = queryString(req, 'ids');
  const values = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (!values.length) return invalidRequest({ ids: [] }, 'The `ids` query parameter can not be empty');
  if (values.length > LOOKUP_MAX_IDS) {
    return invalidRequest(
      { ids: [raw ?? ''] },
      `The number of values in the \`ids\` query parameter list [${values.length}] is not between 1 and ${LOOKUP_MAX_IDS}`,
    );
  }
  const ids = [...new Set(values)];
  const invalid = ids.find((id) => !isNumericId(id));
  if (invalid !== undefined) {
    return invalidRequest({ ids: [invalid] }, `The \`ids\` query parameter value [${invalid}] is not valid`);
  }
  const fields = csv(queryString(req, 'tweet.fields'));
  const found = ids.map((id) => ({ id, tweet: state.findTweet(id) }));
  const data = found.flatMap(({ tweet }) => (tweet ? [renderTweet(state, tweet, fields)] : []));
  const errors = found.filter(({ tweet }) => !tweet).map(({ id }) => tweetNotFound(id));
  return ok({ ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) });
}

function tweetNotFound(id: string) {
  return {
    value: id,
    detail: `Could not find tweet with ids: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter: 'ids',
    resource_id: id,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

function parseTweetRequest(body: unknown): Parsed<TweetRequest> {
  if (!isRecord(body)) return { error: invalidRequest({}, 'The request body is not a JSON object.') };
  const reply = isRecord(body['reply']) ? body['reply'] : undefined;
  const media = isRecord(body['media']) ? body['media'] : undefined;
  const mediaIds = media?.['media_ids'];
  if (body['text'] !== undefined && typeof body['text'] !== 'string') {
    return { error: invalidRequest({ text: [String(body['text'])] }, '$.text: must be a string') };
  }
  if (mediaIds !== undefined && !(Array.isArray(mediaIds) && mediaIds.every((m) => typeof m === 'string'))) {
    return {
      error: invalidRequest({ 'media.media_ids': [] }, '$.media.media_ids: must be an array of strings'),
    };
  }
  return {
    value: {
      text: body['text'] as string | undefined,
      replyTo: optionalString(reply?.['in_reply_to_tweet_id']),
      quoteTweetId: optionalString(body['quote_tweet_id']),
      mediaIds: mediaIds as string[] | undefined,
    },
  };
}

function checkText({ text, mediaIds }: TweetRequest): XReply | undefined {
  if (!text && !mediaIds?.length) {
    return invalidRequest({ text: [] }, 'Post text or media is required.');
  }
  if (text && weightedLength(text) > MAX_WEIGHTED_LENGTH) {
    return invalidRequest({ text: [text] }, 'Your Tweet text is too long.');
  }
  return undefined;
}

function checkMedia(state: XState, account: XAccount, mediaIds: string[] | undefined): XReply | undefined {
  if (mediaIds === undefined) return undefined;
  if (mediaIds.length < 1 || mediaIds.length > 4) {
    return invalidRequest({ 'media.media_ids': mediaIds }, '$.media.media_ids: size must be between 1 and 4');
  }
  const invalid = mediaIds.filter((id) => !isUsableMedia(state, account, id));
  return invalid.length
    ? invalidRequest({ 'media.media_ids': invalid }, 'Your media IDs are invalid.')
    : undefined;
}

function isUsableMedia(state: XState, account: XAccount, id: string): boolean {
  const media = state.findMedia(id);
  if (!media || media.ownerId !== account.id || media.finalizedAt === undefined) return false;
  return state.now() >= media.finalizedAt + media.processingMs;
}

function checkDuplicate(state: XState, account: XAccount, { text }: TweetRequest): XReply | undefined {
  if (!text) return undefined;
  const duplicate = state.tweetsBy(account.id).some((t) => !t.deleted && t.text === text);
  return duplicate ? duplicateContent() : undefined;
}

function buildTweet(state: XState, account: XAccount, request: TweetRequest, replied?: XTweet): XTweet {
  const id = state.newTweetId();
  const referencedTweets: XReferencedTweet[] = [
    ...(replied ? [{ type: 'replied_to' as const, id: replied.id }] : []),
    ...(request.quoteTweetId ? [{ type: 'quoted' as const, id: request.quoteTweetId }] : []),
  ];
  return {
    id,
    text: request.text ?? '',
    authorId: account.id,
    createdAt: new Date(state.now()),
    conversationId: replied?.conversationId ?? id,
    inReplyToUserId: replied?.authorId,
    referencedTweets: referencedTweets.length ? referencedTweets : undefined,
    mediaIds: request.mediaIds,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
