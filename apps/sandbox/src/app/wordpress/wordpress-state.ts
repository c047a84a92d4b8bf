import { randomBytes } from 'node:crypto';

/** Everything the WordPress emulator remembers, per site. In memory: a fake of an external platform. */
export interface WpUser {
  id: number;
  username: string;
  email: string;
  role: 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';
  /** Application passwords without spaces. */
  appPasswords: string[];
}

export interface WpPost {
  id: number;
  title: string;
  content: string;
  excerpt: string;
  status: string;
  dateGmt: Date;
  modifiedGmt: Date;
  slug: string;
  categories: number[];
  tags: number[];
  featuredMedia: number;
  author: number;
}

export interface WpMedia {
  id: number;
  filename: string;
  path: string;
  mimeType: string;
  data: Buffer;
  altText: string;
  caption: string;
  title: string;
  dateGmt: Date;
  author: number;
  post: number | null;
}

export interface WpComment {
  id: number;
  post: number;
  parent: number;
  author: number;
  authorName: string;
  authorEmail: string;
  /** As stored: a visitor's text after WordPress's HTML filter. */
  content: string;
  dateGmt: Date;
  status: 'approved' | 'hold' | 'spam' | 'trash';
}

/** A category or a tag (WordPress terms of the `category` and `post_tag` taxonomies). */
export interface WpTerm {
  id: number;
  /** Stored HTML-escaped, as WordPress does ("Flu &amp; colds"). */
  name: string;
  slug: string;
  taxonomy: 'category' | 'post_tag';
}

export interface WpSite {
  name: string;
  title: string;
  /** `plain`: the server has no rewrite rules, so only `?rest_route=` reaches the REST API. */
  permalinks: 'pretty' | 'plain';
  users: WpUser[];
  posts: Map<number, WpPost>;
  media: Map<number, WpMedia>;
  comments: Map<number, WpComment>;
  /** Categories and tags share one id sequence, as in `wp_terms`; "Uncategorized" is 1. */
  terms: Map<number, WpTerm>;
  nextTermId: number;
  /** Posts and attachments share one id sequence, as in `wp_posts`. */
  nextPostId: number;
  nextCommentId: number;
}

export interface WpFault {
  id: number;
  site?: string;
  method?: string;
  route?: string;
  kind: 'status' | 'slow' | 'drop_after_accept';
  status?: number;
  code?: string;
  message?: string;
  delayMs?: number;
  remaining: number;
}

export interface WordPressState {
  sites: Map<string, WpSite>;
  faults: WpFault[];
}

export function createWordPressState(): WordPressState {
  return { sites: new Map(), faults: [] };
}

export function resetWordPressState(state: WordPressState): void {
  Object.assign(state, createWordPressState());
}

/** WordPress shows application passwords as six groups of four characters. */
export function newApplicationPassword(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(24);
  const raw = [...bytes].map((b) => chars[b % chars.length]).join('');
  return raw.match(/.{4}/g)?.join(' ') ?? raw;
}

export function createSite(
  state: WordPressState,
  name: string,
  title = 'Practice blog',
  permalinks: WpSite['permalinks'] = 'pretty',
): WpSite {
  const site: WpSite = {
    name,
    title,
    permalinks,
    users: [],
    posts: new Map(),
    media: new Map(),
    comments: new Map(),
    terms: new Map([[1, { id: 1, name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category' }]]),
    nextTermId: 2,
    nextPostId: 1,
    nextCommentId: 1,
  };
  state.sites.set(name, site);
  return site;
}

export function addUser(
  site: WpSite,
  username: string,
  role: WpUser['role'],
): { user: WpUser; password: string } {
  const password = newApplicationPassword();
  const user: WpUser = {
    id: site.users.length + 1,
    username,
    email: `${username}@example.org`,
    role,
    appPasswords: [password.replace(/\s/g, '')],
  };
  site.users.push(user);
  return { user, password };
}
