import type { PostVersionSummary } from '@carecast/shared/contracts';

/**
 * Who wrote what would be published (rule A4: authors do not approve their own content): the
 * post's author and everyone who saved a revision that changed it (a new content hash). Changing
 * only the campaign tags, which are never published, makes nobody an author.
 */
export function contentWriterIds(authorId: string | null, versions: readonly PostVersionSummary[]): string[] {
  const ordered = [...versions].sort((a, b) => a.revision - b.revision);
  const ids = new Set<string>(authorId ? [authorId] : []);
  ordered.forEach((v, i) => {
    if (v.editor && (i === 0 || v.contentHash !== ordered[i - 1].contentHash)) ids.add(v.editor.id);
  });
  return [...ids];
}
