import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import type { AppConfig } from '@carecast/server/config';
import { NotificationStreamHub, type StreamListener } from './notification-stream.hub';

/** The subscriber connection: SUBSCRIBE/UNSUBSCRIBE recorded, messages and reconnects played by the test. */
class FakeSubscriber extends EventEmitter {
  readonly channels = new Set<string>();
  refuse = false;
  async subscribe(channel: string) {
    if (this.refuse) throw new Error('Connection is closed.');
    this.channels.add(channel);
  }
  async unsubscribe(channel: string) {
    this.channels.delete(channel);
  }
  disconnect() {
    this.emit('end');
  }
}

describe('NotificationStreamHub', () => {
  const subscriber = new FakeSubscriber();
  const redis = { publish: jest.fn(async () => 1), duplicate: jest.fn(() => subscriber) };
  const hub = new NotificationStreamHub(
    redis as unknown as Redis,
    { redis: { prefix: 'cc-test' } } as AppConfig,
  );
  const listener = (): StreamListener & { events: unknown[]; resyncs: number } => {
    const l = {
      events: [] as unknown[],
      resyncs: 0,
      event: (e: unknown) => void l.events.push(e),
      resync: () => void (l.resyncs += 1),
    };
    return l;
  };

  it('publishes on the channel of the person in the organisation, under the key prefix', async () => {
    await hub.publish('org-1', 'user-1', { unread: 2, notification: null });
    expect(redis.publish).toHaveBeenCalledWith(
      'cc-test:notifications:org-1:user-1',
      '{"unread":2,"notification":null}',
    );
  });

  it('hands a message to every stream of that person only, and unsubscribes when the last one leaves', async () => {
    const [a, b, other] = [listener(), listener(), listener()];
    const leaveA = await hub.subscribe('org-1', 'user-1', a);
    const leaveB = await hub.subscribe('org-1', 'user-1', b);
    const leaveOther = await hub.subscribe('org-1', 'user-2', other);
    expect(redis.duplicate).toHaveBeenCalledTimes(1);
    expect([...subscriber.channels]).toEqual([
      'cc-test:notifications:org-1:user-1',
      'cc-test:notifications:org-1:user-2',
    ]);

    subscriber.emit('message', 'cc-test:notifications:org-1:user-1', '{"unread":1,"notification":null}');
    subscriber.emit('message', 'cc-test:notifications:org-1:user-1', 'not json');
    expect(a.events).toEqual([{ unread: 1, notification: null }]);
    expect(b.events).toEqual([{ unread: 1, notification: null }]);
    expect(other.events).toEqual([]);
    expect(hub.openStreams).toBe(3);

    leaveA();
    leaveA();
    expect(subscriber.channels.has('cc-test:notifications:org-1:user-1')).toBe(true);
    leaveB();
    await Promise.resolve();
    expect(subscriber.channels.has('cc-test:notifications:org-1:user-1')).toBe(false);
    leaveOther();
    expect(hub.openStreams).toBe(0);
  });

  it('asks every stream to send its count again when Redis is back, not when it first connects', async () => {
    const l = listener();
    const leave = await hub.subscribe('org-1', 'user-3', l);
    subscriber.emit('ready');
    expect(l.resyncs).toBe(0);
    subscriber.emit('ready');
    expect(l.resyncs).toBe(1);
    leave();
  });

  it('rejects a subscription Redis refuses, keeping nothing of it', async () => {
    subscriber.refuse = true;
    await expect(hub.subscribe('org-1', 'user-4', listener())).rejects.toThrow('Connection is closed.');
    subscriber.refuse = false;
    expect(hub.openStreams).toBe(0);
  });
});
