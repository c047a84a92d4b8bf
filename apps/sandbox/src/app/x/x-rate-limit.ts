export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitStatus {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
  exceeded: boolean;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Per-user limits of the real API (user context, 15-minute windows), overridable per state. */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimitRule> = {
  'POST /2/tweets': { limit: 300, windowMs: FIFTEEN_MINUTES },
  'DELETE /2/tweets/:id': { limit: 50, windowMs: FIFTEEN_MINUTES },
  'GET /2/tweets': { limit: 900, windowMs: FIFTEEN_MINUTES },
  'GET /2/users/me': { limit: 75, windowMs: FIFTEEN_MINUTES },
  'GET /2/users/:id/mentions': { limit: 180, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/upload/initialize': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/upload/:id/append': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/upload/:id/finalize': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'GET /2/media/upload': { limit: 500, windowMs: FIFTEEN_MINUTES },
  'POST /2/media/metadata': { limit: 100, windowMs: FIFTEEN_MINUTES },
};

const FALLBACK_RULE: RateLimitRule = { limit: 300, windowMs: FIFTEEN_MINUTES };

interface RateWindow {
  start: number;
  count: number;
}

/** Fixed-window counters per account and endpoint, like X's 15-minute windows. */
export class XRateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(
    private readonly rules: Record<string, RateLimitRule>,
    private readonly now: () => number,
  ) {}

  /** Counts one request and tells where the window stands after it. */
  hit(accountId: string, endpoint: string): RateLimitStatus {
    const rule = this.rules[endpoint] ?? FALLBACK_RULE;
    const window = this.currentWindow(`${accountId} ${endpoint}`, rule);
    window.count += 1;
    return {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - window.count),
      reset: Math.ceil((window.start + rule.windowMs) / 1000),
      exceeded: window.count > rule.limit,
    };
  }

  reset(): void {
    this.windows.clear();
  }

  private currentWindow(key: string, rule: RateLimitRule): RateWindow {
    const now = this.now();
    const existing = this.windows.get(key);
    if (existing && now < existing.start + rule.windowMs) return existing;
    const fresh = { start: now, count: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }
}

export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'x-rate-limit-limit': String(status.limit),
    'x-rate-limit-remaining': String(status.remaining),
    'x-rate-limit-reset': String(status.reset),
  };
}
