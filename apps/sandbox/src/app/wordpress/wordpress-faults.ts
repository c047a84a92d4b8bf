import type { NextFunction, Request, Response } from 'express';
import { WpError } from './wordpress-errors';
import type { WordPressState, WpFault } from './wordpress-state';

const KINDS = new Set(['status', 'slow', 'drop_after_accept']);

export function addWpFault(state: WordPressState, input: Record<string, unknown>): WpFault | string {
  const kind = String(input['kind'] ?? '');
  if (!KINDS.has(kind)) return 'kind must be one of status, slow, drop_after_accept';
  if (kind === 'status' && typeof input['status'] !== 'number')
    return 'a status fault needs a numeric status';
  if (kind === 'slow' && typeof input['delayMs'] !== 'number') return 'a slow fault needs a numeric delayMs';
  const str = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : undefined);
  const fault: WpFault = {
    id: state.faults.length + 1,
    kind: kind as WpFault['kind'],
    site: str('site'),
    method: str('method')?.toUpperCase(),
    route: str('route') ?? str('path'),
    status: typeof input['status'] === 'number' ? input['status'] : undefined,
    code: str('code'),
    message: str('message'),
    delayMs: typeof input['delayMs'] === 'number' ? input['delayMs'] : undefined,
    remaining: typeof input['times'] === 'number' ? input['times'] : 1,
  };
  state.faults.push(fault);
  return fault;
}

/** A fault route (`/wp/v2/posts`, with or without `/wp-json`) matches exactly, or as a prefix with `*`. */
function matches(fault: WpFault, site: string, route: string, method: string): boolean {
  if (fault.remaining <= 0) return false;
  if (fault.site && fault.site !== site) return false;
  if (fault.method && fault.method !== method) return false;
  if (!fault.route) return true;
  const wanted = fault.route.replace(/^\/wp-json(?=\/)/, '');
  return wanted.endsWith('*') ? route.startsWith(wanted.slice(0, -1)) : route === wanted;
}

/** Applies the first matching injected fault to a REST request on `site`. */
export function wpFaultMiddleware(state: WordPressState) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const site = String(req.params['site']);
    const fault = state.faults.find((f) => matches(f, site, req.path, req.method));
    if (!fault) return next();
    fault.remaining -= 1;
    if (fault.kind === 'status') {
      throw new WpError(
        fault.status ?? 500,
        fault.code ?? 'internal_server_error',
        fault.message ?? 'There has been a critical error on this website.',
      );
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.kind === 'drop_after_accept') {
      res.json = () => {
        req.socket.destroy();
        return res;
      };
    }
    next();
  };
}
