import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import express, { type Request, type Response, Router } from 'express';
import { html } from '../home/html';
import { hiddenFields, refusal, sendConsentPage } from '../home/consent-page';
import type { XState } from './x-state';
import type { XAccount } from './x-types';

/** Lifetime of an OAuth 2.0 access token on X (two hours). */
export const X_ACCESS_TOKEN_SECONDS = 7200;
const CODE_SECONDS = 30;

interface PendingCode {
  accountId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: 's256' | 'plain';
  scope: string;
  expiresAt: number;
}

/** One refresh-token grant X answered: who it was for (when X knew the token) and whether it renewed. */
export interface RefreshUse {
  accountId: string | null;
  accepted: boolean;
  at: string;
}

interface IssuedToken {
  accountId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
}

/**
 * X's OAuth 2.0 Authorization Code flow with PKCE, as the sandbox plays it: codes, access tokens
 * that expire after two hours, and refresh tokens that are rotated on every use.
 */
export class XOAuthState {
  /** The apps registered with X: client id, and secret for confidential clients (null: public). */
  private clients = new Map<string, string | null>();
  private codes = new Map<string, PendingCode>();
  private accessTokens = new Map<string, IssuedToken>();
  private refreshTokens = new Map<string, Omit<IssuedToken, 'expiresAt'>>();
  /** Refresh tokens already traded in, and whose they were: X refuses them from then on. */
  private usedRefreshTokens = new Map<string, string>();
  private refreshUses: RefreshUse[] = [];

  constructor(private readonly now: () => number) {}

  /** Register an app (as in X's developer portal): a confidential client has a secret, a public one none. */
  registerClient(clientId: string, clientSecret: string | null): void {
    this.clients.set(clientId, clientSecret);
  }

  isRegistered(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /**
   * Whether the token request authenticates a registered app, as X checks it: a confidential
   * client by HTTP Basic with its secret, a public one by its registered client id.
   */
  authenticates(clientId: string, basic: { id: string; secret: string } | null): boolean {
    if (!this.clients.has(clientId)) return false;
    const secret = this.clients.get(clientId) ?? null;
    if (secret === null) return true;
    return basic !== null && basic.id === clientId && sameText(basic.secret, secret);
  }

  issueCode(input: Omit<PendingCode, 'expiresAt'>): string {
    const code = token();
    this.codes.set(code, { ...input, expiresAt: this.now() + CODE_SECONDS * 1000 });
    return code;
  }

  /** Redeems a code once; undefined if it is unknown, used, expired, or the verifier does not match. */
  redeem(code: string, clientId: string, redirectUri: string, verifier: string) {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.expiresAt < this.now()) return undefined;
    if (pending.clientId !== clientId || pending.redirectUri !== redirectUri) return undefined;
    const expected =
      pending.method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
    if (expected !== pending.challenge) return undefined;
    return this.issue(pending.accountId, clientId, pending.scope);
  }

  refresh(refreshToken: string, clientId: string) {
    const grant = this.refreshTokens.get(refreshToken);
    const at = new Date(this.now()).toISOString();
    if (!grant || grant.clientId !== clientId) {
      this.refreshUses.push({
        accountId: this.accountOfRefreshToken(refreshToken) ?? null,
        accepted: false,
        at,
      });
      return undefined;
    }
    this.refreshTokens.delete(refreshToken);
    this.usedRefreshTokens.set(refreshToken, grant.accountId);
    this.refreshUses.push({ accountId: grant.accountId, accepted: true, at });
    return this.issue(grant.accountId, clientId, grant.scope);
  }

  /** The account a refresh token was issued for, whether or not it is still valid. */
  accountOfRefreshToken(refreshToken: string): string | undefined {
    return this.refreshTokens.get(refreshToken)?.accountId ?? this.usedRefreshTokens.get(refreshToken);
  }

  /** Every refresh-token grant of an account, oldest first (refused ones of tokens X issued included). */
  refreshesOf(accountId: string): RefreshUse[] {
    return this.refreshUses.filter((u) => u.accountId === accountId).map((u) => ({ ...u }));
  }

  /** The account an unexpired access token stands for. */
  accountIdOf(accessToken: string): string | undefined {
    const issued = this.accessTokens.get(accessToken);
    return issued && issued.expiresAt > this.now() ? issued.accountId : undefined;
  }

  isKnown(accessToken: string): boolean {
    return this.accessTokens.has(accessToken);
  }

  expire(accessToken: string): boolean {
    const issued = this.accessTokens.get(accessToken);
    if (issued) issued.expiresAt = 0;
    return issued !== undefined;
  }

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.usedRefreshTokens.clear();
    this.refreshUses = [];
  }

  private issue(accountId: string, clientId: string, scope: string) {
    const accessToken = token();
    const refreshToken = scope.split(' ').includes('offline.access') ? token() : undefined;
    this.accessTokens.set(accessToken, {
      accountId,
      clientId,
      scope,
      expiresAt: this.now() + X_ACCESS_TOKEN_SECONDS * 1000,
    });
    if (refreshToken) this.refreshTokens.set(refreshToken, { accountId, clientId, scope });
    return {
      token_type: 'bearer',
      expires_in: X_ACCESS_TOKEN_SECONDS,
      access_token: accessToken,
      scope,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  }
}

/**
 * `GET/POST /i/oauth2/authorize` (the consent page a person sees on x.com) and
 * `POST /2/oauth2/token` (code and refresh-token grants; JSON or form bodies, client credentials
 * in the body or as HTTP Basic).
 */
export function createXOAuthRouter(state: XState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });
  const json = express.json();
  const registered = (clientId: string) => state.oauth.isRegistered(clientId);

  router.get('/i/oauth2/authorize', (req, res) => {
    const params = authorizeParams(req.query as Record<string, unknown>, registered);
    if (typeof params === 'string') return sendConsentPage(res, 400, 'X', refusal(params));
    const accounts = state.listAccounts();
    const chooser = accounts.length
      ? html`<label for="account">Sign in as</label>
          <select id="account" name="account">
            ${accounts.map((a) => html`<option value="${a.id}">@${a.username} (${a.name})</option>`)}
          </select>`
      : html`<p>No X account exists in the sandbox yet. Name one and it will be created:</p>
          <label for="username">Username</label>
          <input id="username" name="username" required value="riversidefm" />`;
    sendConsentPage(
      res,
      200,
      'X',
      html`<p><strong>${params.client_id}</strong> wants to use your X account.</p>
        <p>It asks for: ${params.scope || '(no scope)'}</p>
        <form method="post" action="/i/oauth2/authorize">
          ${hiddenFields(params)}
          <p>${chooser}</p>
          <p>
            <button type="submit" name="decision" value="allow">Authorize app</button>
            <button type="submit" name="decision" value="deny">Cancel</button>
          </p>
        </form>`,
    );
  });

  router.post('/i/oauth2/authorize', form, (req, res) => {
    const body = req.body as Record<string, unknown>;
    const params = authorizeParams(body, registered);
    if (typeof params === 'string') return sendConsentPage(res, 400, 'X', refusal(params));
    const back = new URL(params.redirect_uri);
    back.searchParams.set('state', params.state);
    if (body['decision'] !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      return res.redirect(302, back.toString());
    }
    let account: XAccount | undefined;
    if (typeof body['account'] === 'string') account = state.findAccount(body['account']);
    else if (typeof body['username'] === 'string' && body['username'].trim()) {
      const username = body['username'].trim().replace(/^@/, '');
      account = state.upsertAccount({ username, name: username });
    }
    if (!account) return sendConsentPage(res, 400, 'X', refusal('Choose an account.'));
    back.searchParams.set(
      'code',
      state.oauth.issueCode({
        accountId: account.id,
        clientId: params.client_id,
        redirectUri: params.redirect_uri,
        challenge: params.code_challenge,
        method: params.code_challenge_method.toLowerCase() === 'plain' ? 'plain' : 's256',
        scope: params.scope,
      }),
    );
    res.redirect(302, back.toString());
  });

  router.post('/2/oauth2/token', json, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const basic = basicCredentials(req);
    const clientId = str('client_id') || basic?.id || '';
    if (!clientId) return tokenError(res, 'invalid_request', 'Missing required parameter [client_id].');
    if (!state.oauth.authenticates(clientId, basic)) {
      return void res
        .status(401)
        .json({ error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
    }
    let granted;
    if (str('grant_type') === 'authorization_code') {
      granted = state.oauth.redeem(str('code'), clientId, str('redirect_uri'), str('code_verifier'));
      if (!granted)
        return tokenError(res, 'invalid_request', 'Value passed for the authorization code was invalid.');
    } else if (str('grant_type') === 'refresh_token') {
      const failure = injectedFailure(state, str('refresh_token'));
      if (failure?.kind === 'slow') await delay(failure.delayMs ?? 0);
      if (failure?.kind === 'status') {
        const status = failure.status ?? 500;
        return void res
          .status(status)
          .json({ error: 'server_error', error_description: `Injected ${status}.` });
      }
      granted = state.oauth.refresh(str('refresh_token'), clientId);
      if (!granted) return tokenError(res, 'invalid_request', 'Value passed for the token was invalid.');
    } else {
      return tokenError(res, 'unsupported_grant_type', 'Value passed for the grant type was invalid.');
    }
    res.status(200).json(granted);
  });
  return router;
}

interface AuthorizeParams {
  client_id: string;
  redirect_uri: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
  scope: string;
}

function authorizeParams(
  source: Record<string, unknown>,
  isRegistered: (clientId: string) => boolean,
): AuthorizeParams | string {
  const get = (k: string) => (typeof source[k] === 'string' ? (source[k] as string) : '');
  if (get('response_type') && get('response_type') !== 'code') return 'response_type must be code.';
  for (const k of ['client_id', 'redirect_uri', 'state', 'code_challenge']) {
    if (!get(k)) return `Something went wrong: the request has no ${k}.`;
  }
  if (!/^https?:\/\//.test(get('redirect_uri'))) return 'redirect_uri must be an absolute http(s) URL.';
  if (!isRegistered(get('client_id'))) {
    return "Something went wrong: you weren't able to give access to the App (its client_id is not registered).";
  }
  return {
    client_id: get('client_id'),
    redirect_uri: get('redirect_uri'),
    state: get('state'),
    code_challenge: get('code_challenge'),
    code_challenge_method: get('code_challenge_method') || 'plain',
    scope: get('scope'),
  };
}

/** A failure injected for `POST /2/oauth2/token` of the account the refresh token was issued for. */
function injectedFailure(state: XState, refreshToken: string) {
  const account = state.findAccount(state.oauth.accountOfRefreshToken(refreshToken) ?? '');
  if (!account) return undefined;
  return state.failures.take({
    accountId: account.id,
    username: account.username,
    keys: ['POST /2/oauth2/token'],
  });
}

/** The client id and secret of an HTTP Basic authorization header (each URL-encoded), if any. */
function basicCredentials(req: Request): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function tokenError(res: Response, error: string, description: string): void {
  res.status(400).json({ error, error_description: description });
}

function token(): string {
  return randomBytes(24).toString('base64url');
}
