import { randomBytes } from 'node:crypto';

/** Everything the Facebook emulator remembers. In memory: this is a fake of an external platform. */
export interface FacebookUser {
  id: string;
  name: string;
  token: string;
  pageIds: string[];
}

export interface FacebookPage {
  id: string;
  name: string;
  token: string;
  tasks: string[];
  userId: string;
}

export interface FacebookToken {
  token: string;
  kind: 'user' | 'page';
  ownerId: string;
  /** Set once the token is expired or invalidated: 463 expired, 460 password changed, 458 app removed. */
  invalidSubcode?: number;
}

export interface FacebookPost {
  id: string;
  pageId: string;
  localId: string;
  message?: string;
  link?: string;
  photoId?: string;
  photoUrl?: string;
  /** Unpublished photos attached with `attached_media` (multi-photo posts). */
  attachedPhotos?: FacebookPhoto[];
  published: boolean;
  scheduledPublishTime?: number;
  createdTime: Date;
  deleted: boolean;
  /** A visitor who wrote on the page's feed (absent: the page itself posted it). */
  from?: { id: string; name: string };
  /** Reactions and shares by other people, as the control API sets them (absent: none). */
  reactions?: number;
  shares?: number;
}

/** A photo uploaded with `published=false`, waiting to be attached to a feed post. */
export interface FacebookPhoto {
  id: string;
  pageId: string;
  url: string;
  altText?: string;
}

export interface FacebookComment {
  id: string;
  postId: string;
  parentId?: string;
  message: string;
  from: { id: string; name: string };
  createdTime: Date;
  isHidden: boolean;
  deleted: boolean;
}

export type FacebookFaultKind = 'status' | 'slow' | 'drop_after_accept';

export interface FacebookFault {
  id: number;
  method?: string;
  path?: string;
  kind: FacebookFaultKind;
  status?: number;
  fbCode?: number;
  fbSubcode?: number;
  message?: string;
  delayMs?: number;
  remaining: number;
}

/** Where the emulated Facebook app POSTs its signed Page `feed` notifications. */
export interface FacebookWebhookSubscription {
  url: string;
  appSecret: string;
}

/** One automatic notification, as the sandbox remembers it (the newest few are kept). */
export interface FacebookWebhookDelivery {
  at: Date;
  commentId: string;
  url: string;
  /** The receiver's HTTP status; null while in flight or when it could not be reached. */
  status: number | null;
  error: string | null;
}

export interface FacebookState {
  users: Map<string, FacebookUser>;
  pages: Map<string, FacebookPage>;
  tokens: Map<string, FacebookToken>;
  posts: Map<string, FacebookPost>;
  comments: Map<string, FacebookComment>;
  /** Unpublished photos by id. */
  photos: Map<string, FacebookPhoto>;
  faults: FacebookFault[];
  sequence: number;
  callCount: number;
  /** Percent of the page budget used, per page; 100 after an injected rate limit. */
  pageUsage: Map<string, number>;
  webhook: {
    subscription: FacebookWebhookSubscription | null;
    deliveries: FacebookWebhookDelivery[];
    pending: Set<Promise<void>>;
  };
}

export function createFacebookState(): FacebookState {
  return {
    users: new Map(),
    pages: new Map(),
    tokens: new Map(),
    posts: new Map(),
    comments: new Map(),
    photos: new Map(),
    faults: [],
    sequence: 0,
    callCount: 0,
    pageUsage: new Map(),
    webhook: { subscription: null, deliveries: [], pending: new Set() },
  };
}

/** Forgets every account, post and comment; the webhook subscription is configuration and stays. */
export function resetFacebookState(state: FacebookState): void {
  const subscription = state.webhook.subscription;
  Object.assign(state, createFacebookState());
  state.webhook.subscription = subscription;
}

/** Numeric Graph-style ids, unique across every object kind. */
export function nextFacebookId(state: FacebookState): string {
  state.sequence += 1;
  return String(100000000000000 + state.sequence);
}

export function newAccessToken(): string {
  return `EAAB${randomBytes(24).toString('hex')}`;
}

export function createUser(state: FacebookState, name = 'Practice Admin'): FacebookUser {
  const user: FacebookUser = { id: nextFacebookId(state), name, token: newAccessToken(), pageIds: [] };
  state.users.set(user.id, user);
  state.tokens.set(user.token, { token: user.token, kind: 'user', ownerId: user.id });
  return user;
}

export const DEFAULT_PAGE_TASKS = ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'];

export function createPage(
  state: FacebookState,
  user: FacebookUser,
  name: string,
  tasks: string[],
): FacebookPage {
  const page: FacebookPage = {
    id: nextFacebookId(state),
    name,
    token: newAccessToken(),
    tasks,
    userId: user.id,
  };
  state.pages.set(page.id, page);
  state.tokens.set(page.token, { token: page.token, kind: 'page', ownerId: page.id });
  user.pageIds.push(page.id);
  return page;
}

export function livePosts(state: FacebookState, pageId: string): FacebookPost[] {
  return [...state.posts.values()].filter((p) => p.pageId === pageId && !p.deleted);
}
