import express, { type ErrorRequestHandler, Router } from 'express';
import { createXControlRouter } from './x-control';
import { send, type XHandler, xEndpoint } from './x-endpoint';
import { appendUpload, createMetadata, finalizeUpload, initializeUpload, uploadStatus } from './x-media';
import { userMentions, usersMe, userTweets } from './x-mentions';
import { createXOAuthRouter } from './x-oauth';
import { invalidRequest } from './x-problems';
import { XState } from './x-state';
import { createTweet, deleteTweet, lookupTweets } from './x-tweets';

export { XState } from './x-state';
export type { XStateOptions } from './x-state';

const MAX_UPLOAD_BODY = '8mb';

/**
 * An emulator of the X API v2 as Carecast's client (`twitter-api-v2`) uses it, per
 * docs/platform-contracts.md "X (API v2)". Mounted at the root: the client's paths are `/2/...`;
 * the control API for tests lives under `/_sandbox/x`.
 */
export function createXEmulator(state: XState = new XState()): Router {
  const router = Router();
  const json = express.json({ type: ['application/json', 'application/*+json'] });
  router.use('/_sandbox/x', json, createXControlRouter(state));
  router.use(createXOAuthRouter(state));
  router.use('/2', json, express.raw({ type: 'multipart/form-data', limit: MAX_UPLOAD_BODY }));
  const route = (key: string, handler: XHandler) => xEndpoint(state, key, handler);
  router.post('/2/tweets', route('POST /2/tweets', createTweet));
  router.get('/2/tweets', route('GET /2/tweets', lookupTweets));
  router.delete('/2/tweets/:id', route('DELETE /2/tweets/:id', deleteTweet));
  router.get('/2/users/me', route('GET /2/users/me', usersMe));
  router.get('/2/users/:id/mentions', route('GET /2/users/:id/mentions', userMentions));
  router.get('/2/users/:id/tweets', route('GET /2/users/:id/tweets', userTweets));
  router.post('/2/media/upload/initialize', route('POST /2/media/upload/initialize', initializeUpload));
  router.post('/2/media/upload/:id/append', route('POST /2/media/upload/:id/append', appendUpload));
  router.post('/2/media/upload/:id/finalize', route('POST /2/media/upload/:id/finalize', finalizeUpload));
  router.get('/2/media/upload', route('GET /2/media/upload', uploadStatus));
  router.post('/2/media/metadata', route('POST /2/media/metadata', createMetadata));
  router.use('/2', malformedBody);
  return router;
}

/** A body that cannot be parsed gets X's 400 shape instead of express's HTML error page. */
const malformedBody: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : 500;
  if (status !== 400 && status !== 413) return next(err);
  const message = err instanceof Error ? err.message : 'The request body could not be parsed.';
  send(res, { ...invalidRequest({}, message), status });
};
