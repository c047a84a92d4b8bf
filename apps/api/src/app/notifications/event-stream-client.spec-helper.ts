import type { NotificationStreamEvent } from '@carecast/shared/contracts';

/** One open Server-Sent Events stream, read as a browser would (fetch, streaming). */
export interface EventStreamClient {
  status: number;
  headers: Headers;
  /** Every `notification` event received so far. */
  events: NotificationStreamEvent[];
  /** How many comment lines (heartbeats) arrived. */
  comments: number;
  /** Whether the server ended the stream. */
  readonly ended: boolean;
  /** The first event (from `from` on) that fits, waiting for it up to `timeoutMs`. */
  next(
    fits: (e: NotificationStreamEvent) => boolean,
    from?: number,
    timeoutMs?: number,
  ): Promise<NotificationStreamEvent>;
  close(): void;
}

/** Open `url` with the cookies of a signed-in person, asking for an event stream. */
export async function openEventStream(
  url: string,
  cookie: string,
  headers: Record<string, string> = { accept: 'text/event-stream' },
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { ...headers, cookie }, signal: abort.signal });
  const events: NotificationStreamEvent[] = [];
  const client = {
    status: res.status,
    headers: res.headers,
    events,
    comments: 0,
    ended: false,
    async next(fits: (e: NotificationStreamEvent) => boolean, from = 0, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(fits);
        if (found) return found;
        if (Date.now() > deadline || client.ended)
          throw new Error(`no fitting event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) {
    client.ended = true;
    await res.body?.cancel().catch(() => undefined);
    return client;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) client.comments += 1;
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data && /^event: notification$/m.test(block)) events.push(JSON.parse(data));
        }
      }
    } catch {
      // aborted by the test
    } finally {
      client.ended = true;
    }
  })();
  return client;
}
