/**
 * Properties of errors that carry the values sent to a dependency. TypeORM's QueryFailedError
 * keeps the query's `parameters` and the driver's error (`driverError`), and copies PostgreSQL's
 * `detail` onto itself: "Failing row contains (…every column…)" for a NOT NULL or CHECK
 * violation, the key's values for a unique one. Any of them can hold a password hash, a token, a
 * webhook payload or personal data.
 */
const NEVER_LOGGED = new Set(['parameters', 'driverError', 'detail']);

/** How many causes deep an error is followed. */
const MAX_CAUSES = 5;

/**
 * An error as logged: its name, message, stack and own properties, except those holding values
 * sent along (above), with its `cause` treated the same way. Takes errors and the plain objects
 * made of them alike (a logged error may already be one); anything else is returned as is.
 */
export function loggableError(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kept = Object.entries(value).filter(([key]) => !NEVER_LOGGED.has(key) && key !== 'cause');
  const cause = (value as { cause?: unknown }).cause;
  return {
    ...(value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : {}),
    ...Object.fromEntries(kept),
    ...(cause !== undefined && depth < MAX_CAUSES ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}
