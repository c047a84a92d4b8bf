import type {
  FacebookComment,
  FacebookState,
  FacebookWebhookDelivery,
  FacebookWebhookSubscription,
} from './facebook-state';
import { deliverNotification, feedNotification } from './facebook-webhooks';

/** How many automatic deliveries the sandbox remembers (shown on its home page). */
const DELIVERIES_KEPT = 20;

/** Checks a subscription request; a message says what is wrong. */
export function parseSubscription(url: unknown, appSecret: unknown): FacebookWebhookSubscription | string {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) return 'url must be an http(s) URL';
  if (typeof appSecret !== 'string' || !appSecret) return 'appSecret is required';
  return { url, appSecret };
}

/** Subscribes the emulated app's Page `feed` webhook to `subscription.url` (null unsubscribes). */
export function subscribeWebhook(
  state: FacebookState,
  subscription: FacebookWebhookSubscription | null,
): void {
  state.webhook.subscription = subscription;
}

/**
 * Facebook's side of a Page `feed` subscription for a new comment: a signed notification
 * (item `comment`, verb `add`) POSTed to the subscribed URL. In the background and best-effort:
 * the caller (a Graph request, the control API, the home page) never waits for it or fails
 * because of it; failures are logged and remembered.
 */
export function notifyCommentAdded(state: FacebookState, comment: FacebookComment): void {
  const subscription = state.webhook.subscription;
  const post = state.posts.get(comment.postId);
  if (!subscription || !post) return;
  const notification = feedNotification({
    pageId: post.pageId,
    item: 'comment',
    verb: 'add',
    postId: post.id,
    commentId: comment.id,
    // Facebook names the post as the parent of a top-level comment.
    parentId: comment.parentId ?? post.id,
    message: comment.message,
    from: comment.from,
    createdTime: Math.floor(comment.createdTime.getTime() / 1000),
  });
  const delivery: FacebookWebhookDelivery = {
    at: new Date(),
    commentId: comment.id,
    url: subscription.url,
    status: null,
    error: null,
  };
  state.webhook.deliveries = [delivery, ...state.webhook.deliveries].slice(0, DELIVERIES_KEPT);
  const pending = state.webhook.pending;
  const work = deliverNotification(subscription.url, subscription.appSecret, notification)
    .then((result) => {
      delivery.status = result.status;
      if (!result.delivered) {
        console.warn(
          `Facebook webhook delivery of comment ${comment.id} to ${subscription.url} answered ${result.status}: ${result.response.slice(0, 200)}`,
        );
      }
    })
    .catch((err: unknown) => {
      delivery.error = describeError(err);
      console.warn(
        `Facebook webhook delivery of comment ${comment.id} to ${subscription.url} failed: ${delivery.error}`,
      );
    })
    .finally(() => pending.delete(work));
  pending.add(work);
}

/** `fetch failed` says little: add its cause (`connect ECONNREFUSED 127.0.0.1:3000`). */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

/** Resolves once every automatic delivery started so far has been answered or has failed. */
export async function settleWebhookDeliveries(state: FacebookState): Promise<void> {
  await Promise.all([...state.webhook.pending]);
}

/** The subscription as the control API shows it: never the app secret. */
export function subscriptionView(state: FacebookState) {
  const subscription = state.webhook.subscription;
  return {
    subscribed: subscription !== null,
    url: subscription?.url ?? null,
    deliveries: state.webhook.deliveries.map((d) => ({ ...d, at: d.at.toISOString() })),
  };
}
