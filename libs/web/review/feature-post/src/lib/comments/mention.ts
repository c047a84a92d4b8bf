/** The @word being typed just before the caret, if any: where it starts and what is typed so far. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/.exec(before);
  if (!match) return null;
  return { start: before.length - match[2].length - 1, query: match[2] };
}

/** The text with the @word at `start..caret` replaced by "@Full Name ", and where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The people whose name matches what was typed after @ (any word of the name starting with it). */
export function matchPeople<T extends { name: string }>(people: readonly T[], query: string, max = 8): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return people.slice(0, max);
  return people
    .filter((p) => {
      const name = p.name.toLowerCase();
      return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
    })
    .slice(0, max);
}

/** The ids of the chosen people whose "@Name" is still in the text (a mention deleted is dropped). */
export function mentionedIds(text: string, chosen: ReadonlyMap<string, string>): string[] {
  return [...chosen].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
