/** Where a visitor comment on the Carecast blog stands; only `approved` ones are public. */
export const BLOG_COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'hidden'] as const;
export type BlogCommentStatus = (typeof BLOG_COMMENT_STATUSES)[number];

/** A comment as staff see it when moderating (the email is never shown on the blog). */
export interface BlogCommentSummary {
  id: string;
  postId: string;
  postTitle: string;
  /** The public page of the post (the comment shows there once approved). */
  postUrl: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string | null;
  body: string;
  status: BlogCommentStatus;
  /** A reply written by the practice. */
  fromPractice: boolean;
  createdAt: string;
}

/** `GET /api/blog/comments`: newest first; pass `nextCursor` as `cursor` for the next page. */
export interface BlogCommentPage {
  comments: BlogCommentSummary[];
  nextCursor: string | null;
}
