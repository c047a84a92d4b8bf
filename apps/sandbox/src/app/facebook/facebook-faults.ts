import type { NextFunction, Request, Response } from 'express';
import { GraphError, RATE_LIMIT_CODES, graphErrorForCode } from './facebook-errors';
import type { FacebookFault, FacebookState } from './facebook-state';

const KINDS = new Set(['status', 'slow', 'drop_after_accept']);

/** Validates a fault from the control API; returns an error message or the stored fault. */
export function addFault(state: FacebookState, input: Record<string, unknown>): FacebookFault | string {
  const kind = String(input['kind'] ?? '');
  if (!KINDS.has(kind)) return 'kind must be one of status, slow, drop_after_accept';
  if (kind === 'status' && typeof input['fbCode'] !== 'number')
    return 'a status fault needs a numeric fbCode';
  if (kind === 'slow' && typeof input['delayMs'] !== 'number') return 'a slow fault needs a numeric delayMs';
  const fault: FacebookFault = {
    id: state.faults.length + 1,
    kind: kind as FacebookFault['kind'],
    method: typeof input['method'] === 'string' ? input['method'].toUpperCase() : undefined,
    path: typeof input['path'] === 'string' ? input['path'] : undefined,
    status: typeof input['status'] === 'number' ? input['status'] : undefined,
    fbCode: typeof input['fbCode'] === 'number' ? input['fbCode'] : undefined,
    fbSubcode: typeof input['fbSubcode'] === 'number' ? input['fbSubcode'] : undefined,
    message: typeof input['message'] === 'string' ? input['message'] : undefined,
    delayMs: typeof input['delayMs'] === 'number' ? input['delayMs'] : undefined,
    remaining: typeof input['times'] === 'number' ? input['times'] : 1,
  };
  state.faults.push(fault);
  return fault;
}

/** A fault path (`/{page-id}/feed`, with or without `/graph/v24.0`) matches exactly, or as a prefix with `*`. */
function matches(fault: FacebookFault, req: Request): boolean {
  if (fault.remaining <= 0) return false;
  if (fault.method && fault.method !== req.method) return false;
  if (!fault.path) return true;
  const path = fault.path.replace(/^\/graph\/v[\d.]+(?=\/)/, '');
  return path.endsWith('*') ? req.path.startsWith(path.slice(0, -1)) : req.path === path;
}

function takeFault(state: FacebookState, req: Request): FacebookFault | undefined {
  const fault = state.faults.find((f) => matches(f, req));
  if (fault) fault.remaining -= 1;
  return fault;
}

function pageIdOf(state: FacebookState, req: Request): string | undefined {
  const first = req.path.split('/')[1] ?? '';
  const candidate = first.split('_')[0];
  return state.pages.has(candidate) ? candidate : undefined;
}

/** `X-App-Usage` and `X-Business-Use-Case-Usage`, percentages of the budget used. */
function setUsageHeaders(state: FacebookState, req: Request, res: Response, limited: boolean): void {
  state.callCount += 1;
  const percent = limited ? 100 : Math.min(99, state.callCount);
  res.set(
    'X-App-Usage',
    JSON.stringify({
      call_count: percent,
      total_time: Math.floor(percent / 2),
      total_cputime: Math.floor(percent / 3),
    }),
  );
  const pageId = pageIdOf(state, req);
  if (!pageId) return;
  const used = limited ? 100 : Math.min(99, (state.pageUsage.get(pageId) ?? 0) + 1);
  state.pageUsage.set(pageId, used);
  const usage = {
    type: 'pages',
    call_count: used,
    total_cputime: Math.floor(used / 3),
    total_time: Math.floor(used / 2),
    estimated_time_to_regain_access: used >= 100 ? 5 : 0,
  };
  res.set('X-Business-Use-Case-Usage', JSON.stringify({ [pageId]: [usage] }));
}

/** Drop the connection once the handler has done its work, as if the answer was lost. */
function dropAfterAccept(req: Request, res: Response): void {
  res.json = () => {
    req.socket.destroy();
    return res;
  };
}

/** Usage headers on every answer, then the first matching injected fault. */
export function faultMiddleware(state: FacebookState) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fault = takeFault(state, req);
    const limited = fault?.kind === 'status' && RATE_LIMIT_CODES.has(fault.fbCode ?? 0);
    setUsageHeaders(state, req, res, limited);
    if (fault?.kind === 'status') {
      const opts = { status: fault.status, subcode: fault.fbSubcode, message: fault.message };
      throw graphErrorForCode(fault.fbCode ?? 1, opts) as GraphError;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.kind === 'drop_after_accept') dropAfterAccept(req, res);
    next();
  };
}
