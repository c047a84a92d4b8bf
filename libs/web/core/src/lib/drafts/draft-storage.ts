// Draft keys in the browser's storage. Nothing here imports anything, so the session (which removes
// every draft on sign-out) and the draft keeper (which reads the session for its keys) both use it
// without depending on each other.

/** Every draft key starts with this, so signing out can remove them all. */
export const DRAFT_KEY_PREFIX = 'cc-draft:';

/** Removes every kept draft (on sign-out, so the next person at this computer sees none). */
export function clearAllDrafts(storage: Storage | null): void {
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(DRAFT_KEY_PREFIX)) keys.push(key);
  }
  keys.forEach((key) => storage.removeItem(key));
}
