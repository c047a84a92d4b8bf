import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { hiddenFields, refusal, sendConsentPage } from '../home/consent-page';
import { html } from '../home/html';
import { GraphError } from './facebook-errors';
import { param } from './facebook-request';
import { createPage, createUser, DEFAULT_PAGE_TASKS, type FacebookState } from './facebook-state';

/** Where the sandbox's "Log in with Facebook" dialog lives (the real one: www.facebook.com/v24.0/dialog/oauth). */
export const FACEBOOK_DIALOG_PATH = '/facebook/v24.0/dialog/oauth';
const CODE_TTL_MS = 10 * 60_000;
/** A long-lived user token lasts about 60 days. */
const USER_TOKEN_SECONDS = 5_183_944;
/** What the code exchange itself grants: a short-lived user token (about 1.5 hours). */
const SHORT_TOKEN_SECONDS = 5_400;

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  expiresAt: number;
}

const codesByState = new WeakMap<FacebookState, Map<string, PendingCode>>();
function codes(state: FacebookState): Map<string, PendingCode> {
  let map = codesByState.get(state);
  if (!map) codesByState.set(state, (map = new Map()));
  return map;
}

/**
 * Facebook Login as the sandbox plays it: the dialog where a person picks which fake Facebook user
 * they are and grants the app access, and `GET /oauth/access_token` that trades the code for that
 * user's token (then `/me/accounts` lists their pages as usual).
 */
export function createFacebookDialogRouter(state: FacebookState): Router {
  const router = Router();
  router.get(FACEBOOK_DIALOG_PATH, (req, res) => {
    const params = dialogParams(req.query as Record<string, unknown>);
    if (typeof params === 'string') return sendConsentPage(res, 400, 'Facebook', refusal(params));
    const users = [...state.users.values()];
    const pagesOf = (pageIds: string[]) =>
      pageIds.map((id) => state.pages.get(id)?.name ?? id).join(', ') || 'no pages';
    const chooser = users.length
      ? html`<label for="user">Continue as</label>
          <select id="user" name="user">
            ${users.map((u) => html`<option value="${u.id}">${u.name} (${pagesOf(u.pageIds)})</option>`)}
          </select>`
      : html`<p>No Facebook user exists in the sandbox yet. One will be created with a page:</p>
          <label for="page">Page name</label>
          <input id="page" name="pageName" required value="Riverside Family Medicine" />`;
    sendConsentPage(
      res,
      200,
      'Facebook',
      html`<p>
          App <strong>${params.client_id}</strong> asks to manage your pages' posts and comments
          (${params.scope || 'no scope'}).
        </p>
        <form method="post" action="${FACEBOOK_DIALOG_PATH}">
          ${hiddenFields(params)}
          <p>${chooser}</p>
          <p>
            <button type="submit" name="decision" value="allow">Continue</button>
            <button type="submit" name="decision" value="deny">Cancel</button>
          </p>
        </form>`,
    );
  });

  router.post(FACEBOOK_DIALOG_PATH, express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const params = dialogParams(body);
    if (typeof params === 'string') return sendConsentPage(res, 400, 'Facebook', refusal(params));
    const back = new URL(params.redirect_uri);
    back.searchParams.set('state', params.state);
    if (body['decision'] !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_reason', 'user_denied');
      back.searchParams.set('error_description', 'Permissions error');
      return res.redirect(302, back.toString());
    }
    let user = typeof body['user'] === 'string' ? state.users.get(body['user']) : undefined;
    if (!user && typeof body['pageName'] === 'string' && body['pageName'].trim()) {
      user = createUser(state);
      createPage(state, user, body['pageName'].trim(), DEFAULT_PAGE_TASKS);
    }
    if (!user) return sendConsentPage(res, 400, 'Facebook', refusal('Choose who you are.'));
    const code = randomBytes(24).toString('base64url');
    codes(state).set(code, {
      userId: user.id,
      clientId: params.client_id,
      redirectUri: params.redirect_uri,
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    back.searchParams.set('code', code);
    res.redirect(302, back.toString());
  });
  return router;
}

/** `GET /oauth/access_token` on the Graph API: code → user access token (one use, same redirect_uri). */
export function exchangeCode(state: FacebookState) {
  return (req: Request, res: Response) => {
    if (param(req, 'grant_type') === 'fb_exchange_token') return longLived(state, req, res);
    const code = param(req, 'code') ?? '';
    const pending = codes(state).get(code);
    codes(state).delete(code);
    if (!param(req, 'client_secret')) {
      throw new GraphError(400, 1, 'Missing client_secret parameter.', 'OAuthException');
    }
    if (
      !pending ||
      pending.expiresAt < Date.now() ||
      pending.clientId !== param(req, 'client_id') ||
      pending.redirectUri !== param(req, 'redirect_uri')
    ) {
      throw new GraphError(
        400,
        100,
        'Invalid verification code format, or the code was used, expired, or issued for another redirect_uri.',
        'OAuthException',
        36007,
      );
    }
    const user = state.users.get(pending.userId);
    if (!user) throw new GraphError(400, 100, 'The user no longer exists.', 'OAuthException');
    res.json({ access_token: user.token, token_type: 'bearer', expires_in: SHORT_TOKEN_SECONDS });
  };
}

interface DialogParams {
  client_id: string;
  redirect_uri: string;
  state: string;
  scope: string;
}

function dialogParams(source: Record<string, unknown>): DialogParams | string {
  const get = (k: string) => (typeof source[k] === 'string' ? (source[k] as string) : '');
  for (const k of ['client_id', 'redirect_uri', 'state']) {
    if (!get(k)) return `The login request has no ${k}.`;
  }
  if (!/^https?:\/\//.test(get('redirect_uri'))) return 'redirect_uri must be an absolute http(s) URL.';
  return {
    client_id: get('client_id'),
    redirect_uri: get('redirect_uri'),
    state: get('state'),
    scope: get('scope'),
  };
}

/** `grant_type=fb_exchange_token`: a short-lived user token for a long-lived one (about 60 days). */
function longLived(state: FacebookState, req: Request, res: Response): void {
  if (!param(req, 'client_id') || !param(req, 'client_secret')) {
    throw new GraphError(400, 1, 'Missing client_id or client_secret parameter.', 'OAuthException');
  }
  const token = state.tokens.get(param(req, 'fb_exchange_token') ?? '');
  if (!token || token.kind !== 'user' || token.invalidSubcode) {
    throw new GraphError(
      400,
      190,
      'Invalid OAuth access token - Cannot parse access token',
      'OAuthException',
    );
  }
  res.json({ access_token: token.token, token_type: 'bearer', expires_in: USER_TOKEN_SECONDS });
}
