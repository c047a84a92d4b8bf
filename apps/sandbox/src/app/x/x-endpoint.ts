import type { Request, RequestHandler, Response } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { injectedStatus, tooManyRequests, unauthorized } from './x-problems';
import { rateLimitHeaders, type RateLimitStatus } from './x-rate-limit';
import type { XState } from './x-state';
import type { XAccount, XReply } from './x-types';

export interface XContext {
  req: Request;
  account: XAccount;
  state: XState;
}

export type XHandler = (ctx: XContext) => XReply | Promise<XReply>;

/** The account an `Authorization` header stands for: a Bearer access token or an OAuth 1.0a token. */
export function authenticate(state: XState, header: string | undefined): XAccount | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (bearer) return state.accountByAccessToken(bearer[1]);
  if (!/^OAuth\s/i.test(header)) return undefined;
  const token = /oauth_token="([^"]*)"/.exec(header);
  return token ? state.accountByOAuth1Token(safeDecode(token[1])) : undefined;
}

/**
 * Wraps an endpoint handler with what every X endpoint does: authentication, the injected
 * failures, the rate-limit window and its headers.
 */
export function xEndpoint(state: XState, key: string, handler: XHandler): RequestHandler {
  return async (req, res) => {
    const account = authenticate(state, req.headers.authorization);
    if (!account) return send(res, unauthorized());
    const failure = state.failures.take({
      accountId: account.id,
      username: account.username,
      keys: [key, `${req.method} ${req.path}`],
    });
    if (failure?.kind === 'slow') await delay(failure.delayMs ?? 0);
    const limit = state.rateLimiter.hit(account.id, key);
    if (failure?.kind === 'status') return sendInjected(res, failure.status ?? 500, limit);
    if (limit.exceeded) return send(res, tooManyRequests(), rateLimitHeaders(limit));
    const reply = await handler({ req, account, state });
    if (failure?.kind === 'drop_after_accept') return void req.socket.destroy();
    send(res, reply, rateLimitHeaders(limit));
  };
}

function sendInjected(res: Response, status: number, limit: RateLimitStatus): void {
  const headers = status === 429 ? rateLimitHeaders({ ...limit, remaining: 0 }) : rateLimitHeaders(limit);
  send(res, injectedStatus(status), status === 401 ? {} : headers);
}

export function send(res: Response, reply: XReply, headers: Record<string, string> = {}): void {
  res.set(headers);
  res
    .status(reply.status)
    .type(reply.contentType ?? 'application/json')
    .send(JSON.stringify(reply.body));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
