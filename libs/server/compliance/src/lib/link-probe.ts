/** What asking for a link gave. */
export type LinkProbeResult =
  /** It answered 2xx/3xx (after following redirects). */
  | { kind: 'ok'; status: number }
  /** It answered 4xx/5xx, or redirected too often. */
  | { kind: 'broken'; status: number | null; reason: string }
  /** Not a web address people can open (not http/https, unreadable). */
  | { kind: 'invalid'; reason: string }
  /** Points at (or redirects to) a private, loopback or link-local address. */
  | { kind: 'refused'; reason: string }
  /** No answer: offline, the name does not resolve, the time ran out. Nothing is known. */
  | { kind: 'unreachable'; reason: string };

/** Asks for one link over the network (the HTTP implementation, or a stand-in in tests). */
export interface LinkProbe {
  probe(url: string): Promise<LinkProbeResult>;
}

export const LINK_PROBE = Symbol('LINK_PROBE');
