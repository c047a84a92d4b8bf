export type XFailureKind = 'status' | 'slow' | 'drop_after_accept';

/** A failure to inject into the next `times` matching requests. */
export interface XFailure {
  /** Account id or username; absent: any account. */
  account?: string;
  /** Endpoint as "METHOD /path", either the route pattern ("GET /2/users/:id/mentions") or a concrete path. */
  path: string;
  kind: XFailureKind;
  status?: number;
  delayMs?: number;
  times: number;
}

export interface XFailureTarget {
  accountId: string;
  username: string;
  /** The route pattern key and the concrete "METHOD /path" of the request. */
  keys: string[];
}

export class XFailureInjector {
  private failures: XFailure[] = [];

  add(failure: XFailure): void {
    this.failures.push({ ...failure });
  }

  /** The first failure matching the request, with one of its `times` used up. */
  take(target: XFailureTarget): XFailure | undefined {
    const failure = this.failures.find((f) => matches(f, target));
    if (!failure) return undefined;
    failure.times -= 1;
    if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
    return failure;
  }

  pending(): XFailure[] {
    return this.failures.map((f) => ({ ...f }));
  }

  reset(): void {
    this.failures = [];
  }
}

function matches(failure: XFailure, target: XFailureTarget): boolean {
  const accountMatches =
    failure.account === undefined ||
    failure.account === target.accountId ||
    failure.account.replace(/^@/, '').toLowerCase() === target.username.toLowerCase();
  return accountMatches && target.keys.includes(normalizeKey(failure.path));
}

export function normalizeKey(path: string): string {
  const [method = '', ...rest] = path.trim().split(/\s+/);
  return `${method.toUpperCase()} ${rest.join(' ')}`;
}
