import type { Request } from 'express';
import { graphErrors } from './facebook-errors';
import { param } from './facebook-request';
import type { FacebookPage, FacebookState, FacebookToken } from './facebook-state';

/** Resolves `access_token` (query string, form or JSON body) or throws the Graph error Facebook gives. */
export function requireToken(state: FacebookState, req: Request): FacebookToken {
  const raw = param(req, 'access_token') ?? bearer(req);
  if (!raw) throw graphErrors.missingToken();
  const token = state.tokens.get(raw);
  if (!token) throw graphErrors.invalidToken();
  if (token.invalidSubcode !== undefined) throw graphErrors.tokenInvalidated(token.invalidSubcode);
  return token;
}

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  return header?.startsWith('OAuth ') || header?.startsWith('Bearer ') ? header.split(' ')[1] : undefined;
}

/** Writes need the page's own token, with the task that covers the action. */
export function requirePageToken(token: FacebookToken, page: FacebookPage, task: string): void {
  if (token.kind !== 'page' || token.ownerId !== page.id) {
    throw graphErrors.permission(
      '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
    );
  }
  if (!page.tasks.includes(task)) {
    const needed =
      task === 'MODERATE'
        ? 'pages_manage_engagement and pages_read_user_engagement'
        : 'pages_read_engagement and pages_manage_posts';
    throw graphErrors.permission(
      `(#200) The user hasn't authorized the application to perform this action: ${needed}`,
    );
  }
}

/** Reads accept the page's token or the token of a user who manages the page. */
export function requirePageReader(state: FacebookState, token: FacebookToken, page: FacebookPage): void {
  if (token.kind === 'page' && token.ownerId === page.id) return;
  if (token.kind === 'user' && state.users.get(token.ownerId)?.pageIds.includes(page.id)) return;
  throw graphErrors.permission('(#200) Permissions error');
}
