import { type NextFunction, type Request, type Response, Router } from 'express';
import { createFacebookControl } from './facebook-control';
import {
  deleteObject,
  listAccounts,
  postComment,
  readComments,
  readFeed,
  readObject,
  updateObject,
} from './facebook-engagement';
import { GraphError, graphErrorBody, graphErrors } from './facebook-errors';
import { faultMiddleware } from './facebook-faults';
import { createFacebookDialogRouter, exchangeCode } from './facebook-oauth';
import { publishPhoto, publishToFeed } from './facebook-publish';
import { graphBodyParsers } from './facebook-request';
import type { FacebookState } from './facebook-state';

export const FACEBOOK_GRAPH_BASE_PATH = '/graph/v24.0';

function graphRouter(state: FacebookState): Router {
  const graph = Router();
  graph.use(graphBodyParsers());
  graph.use(faultMiddleware(state));
  graph.get('/me/accounts', listAccounts(state));
  graph.get('/oauth/access_token', exchangeCode(state));
  graph.post('/:id/feed', publishToFeed(state));
  graph.get('/:id/feed', readFeed(state));
  graph.get('/:id/posts', readFeed(state, true));
  graph.get('/:id/published_posts', readFeed(state, true));
  graph.post('/:id/photos', publishPhoto(state));
  graph.get('/:id/comments', readComments(state));
  graph.post('/:id/comments', postComment(state));
  graph.get('/:id', readObject(state));
  graph.post('/:id', updateObject(state));
  graph.delete('/:id', deleteObject(state));
  graph.use((req: Request) => {
    throw graphErrors.unknownObject(req.path.split('/')[1] ?? '', req.method);
  });
  graph.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const graphError = err instanceof GraphError ? err : graphErrorForUnknown(err);
    res.status(graphError.status).json(graphErrorBody(graphError));
  });
  return graph;
}

/** Body-parser failures (malformed JSON) answer like Facebook; anything else is error 1. */
function graphErrorForUnknown(err: unknown): GraphError {
  const status = (err as { status?: number }).status;
  if (status === 400) return graphErrors.invalidParam('(#100) Invalid request body');
  return new GraphError(500, 1, 'An unknown error occurred', 'OAuthException', undefined, true);
}

/**
 * The Facebook Graph API emulator: Graph endpoints under `/graph/v24.0` and the control API under
 * `/_sandbox/facebook`. Mount it at the root of the sandbox.
 */
export function createFacebookEmulator(state: FacebookState): Router {
  const router = Router();
  router.use(FACEBOOK_GRAPH_BASE_PATH, graphRouter(state));
  router.use(createFacebookDialogRouter(state));
  router.use('/_sandbox/facebook', createFacebookControl(state));
  return router;
}
