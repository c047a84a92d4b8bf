import type { BlogCommentStatus } from '@carecast/shared/contracts';

/** An organisation as its blog shows it. */
export interface BlogOrganisation {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/** A blog that is live: its organisation has a connected Carecast blog channel. */
export interface BlogSite extends BlogOrganisation {
  channelId: string;
}

export interface BlogImageMeta {
  id: string;
  position: number;
  mimeType: string;
  altText: string;
}

export interface BlogPost {
  id: string;
  organisationId: string;
  channelId: string | null;
  slug: string;
  title: string;
  sourceText: string;
  /** Sanitised when stored: safe to put in a page as it is. */
  bodyHtml: string;
  excerpt: string;
  link: string | null;
  publishedAt: Date;
  images: BlogImageMeta[];
}

export interface BlogImage {
  id: string;
  mimeType: string;
  bytes: Buffer;
}

export interface BlogComment {
  id: string;
  seq: number;
  organisationId: string;
  postId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string | null;
  body: string;
  status: BlogCommentStatus;
  fromPractice: boolean;
  ipHash: string | null;
  createdAt: Date;
}

/** A comment together with the post it is on (slug and title for links). */
export interface BlogCommentWithPost extends BlogComment {
  postSlug: string;
  postTitle: string;
  organisationSlug: string;
}

/** An approved comment with its approved replies, oldest first. */
export interface CommentThread {
  comment: BlogComment;
  replies: CommentThread[];
}

/** What a visitor typed into the comment form (every field as sent). */
export interface CommentInput {
  name?: unknown;
  email?: unknown;
  comment?: unknown;
  /** The honeypot: hidden from people, so only robots fill it in. */
  website?: unknown;
}

/** The comment form as it is shown again: what was typed, as text. */
export interface CommentFormValues {
  name: string;
  email: string;
  comment: string;
}
