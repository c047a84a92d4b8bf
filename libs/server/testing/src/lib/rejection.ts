/** The error `promise` rejects with, after checking it is a `type` (throws, failing the test, otherwise). */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const outcome = await promise.then(
    (value: unknown) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) throw new Error(`Expected a rejection with ${type.name}, but it resolved.`);
  if (!(outcome.error instanceof type)) {
    const got =
      outcome.error instanceof Error
        ? `${outcome.error.name}: ${outcome.error.message}`
        : String(outcome.error);
    throw new Error(`Expected a rejection with ${type.name}, got ${got}`);
  }
  return outcome.error;
}
