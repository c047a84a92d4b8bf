import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** A key prefix no other test run uses. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `carecast-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Delete every key under a prefix (BullMQ keys look like `<prefix>:<queue>:...`). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
