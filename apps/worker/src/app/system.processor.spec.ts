import { UnrecoverableError, type Job } from 'bullmq';
import type { AppConfig } from '@carecast/server/config';
import type { HeartbeatService } from '@carecast/server/operations';
import { SystemProcessor } from './system.processor';

describe('SystemProcessor', () => {
  const heartbeats = { recordBeat: jest.fn().mockResolvedValue(undefined) } as unknown as HeartbeatService;
  const processor = new SystemProcessor(heartbeats, { worker: { concurrency: 3 } } as AppConfig);

  it('hands a heartbeat job to the heartbeat service with its id and data', async () => {
    const data = { requestId: 'req-1', requestedAt: '2026-03-02T09:00:00Z', source: 'api' };
    await processor.process({ id: '42', name: 'heartbeat', data } as Job);
    expect(heartbeats.recordBeat).toHaveBeenCalledWith('42', data);
  });

  it('fails an unknown job for good instead of retrying it', async () => {
    await expect(processor.process({ id: '7', name: 'mystery', data: {} } as Job)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'fails a job named after an Object built-in (%s) for good, never running it',
    async (name) => {
      await expect(processor.process({ id: '9', name, data: {} } as Job)).rejects.toBeInstanceOf(
        UnrecoverableError,
      );
    },
  );

  it('lets a handler failure through so BullMQ retries it', async () => {
    (heartbeats.recordBeat as jest.Mock).mockRejectedValueOnce(new Error('database down'));
    await expect(
      processor.process({ id: '8', name: 'heartbeat', data: { requestId: 'r' } } as Job),
    ).rejects.toThrow('database down');
  });
});
