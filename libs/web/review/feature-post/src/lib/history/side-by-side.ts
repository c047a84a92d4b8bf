import { diffWordsWithSpace } from 'diff';

/** A piece of one side of a diff: unchanged, or removed (left) / added (right). */
export interface DiffPiece {
  text: string;
  changed: boolean;
}

export interface SideBySide {
  before: DiffPiece[];
  after: DiffPiece[];
}

/**
 * The two sides of a word-level diff (jsdiff): the earlier text with what was removed marked,
 * the later text with what was added marked.
 */
export function sideBySide(before: string | null, after: string | null): SideBySide {
  const parts = diffWordsWithSpace(before ?? '', after ?? '');
  return {
    before: parts.filter((p) => !p.added).map((p) => ({ text: p.value, changed: !!p.removed })),
    after: parts.filter((p) => !p.removed).map((p) => ({ text: p.value, changed: !!p.added })),
  };
}
