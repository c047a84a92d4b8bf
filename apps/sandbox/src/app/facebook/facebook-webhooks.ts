import { createHmac } from 'node:crypto';

export interface FeedNotificationInput {
  pageId: string;
  item: string;
  verb: string;
  postId?: string;
  commentId?: string;
  parentId?: string;
  message?: string;
  from?: { id: string; name: string };
  createdTime?: number;
}

/** The JSON body Facebook POSTs for a Page `feed` change. */
export function feedNotification(input: FeedNotificationInput, now = Math.floor(Date.now() / 1000)) {
  const value = {
    item: input.item,
    verb: input.verb,
    post_id: input.postId,
    comment_id: input.commentId,
    parent_id: input.parentId,
    message: input.message,
    from: input.from ?? { id: '9000000000001', name: 'A Patient' },
    created_time: input.createdTime ?? now,
  };
  return { object: 'page', entry: [{ id: input.pageId, time: now, changes: [{ field: 'feed', value }] }] };
}

export function signatureOf(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

/** A receiver that has not answered by then counts as failed: Facebook expects a quick 200. */
const DELIVERY_TIMEOUT_MS = 20_000;

/** Delivers a signed notification and reports what the receiver answered. */
export async function deliverNotification(url: string, appSecret: string, body: unknown) {
  const raw = JSON.stringify(body);
  const signature = signatureOf(appSecret, raw);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signature,
      'user-agent': 'facebookexternalua',
    },
    body: raw,
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  return { status: res.status, delivered: res.ok, signature, body: raw, response: await res.text() };
}

/** Plays Facebook's side of the subscription handshake against a receiver. */
export async function verifySubscription(url: string, verifyToken: string, challenge: string) {
  const target = new URL(url);
  target.searchParams.set('hub.mode', 'subscribe');
  target.searchParams.set('hub.challenge', challenge);
  target.searchParams.set('hub.verify_token', verifyToken);
  const res = await fetch(target);
  const body = await res.text();
  return { status: res.status, challenge, body, verified: res.status === 200 && body === challenge };
}
