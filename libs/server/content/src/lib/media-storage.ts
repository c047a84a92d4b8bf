/**
 * Where image files live. The local-disk store is the default; another (an object store) can be
 * bound to this token instead. Keys are made by Carecast (`<organisation id>/<media id>.<ext>`),
 * never by users.
 */
export abstract class MediaStorage {
  /** Store the bytes under the key (replacing nothing: keys are new). */
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Remove the bytes under the key, if any. */
  abstract remove(key: string): Promise<void>;
}
