import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { JobName, JobQueue } from '@carecast/shared/contracts';
import { JobProducer } from './job-producer.service';

describe('JobProducer', () => {
  const queue = { name: 'system', add: jest.fn(async () => ({ id: '42' })) };
  const moduleRef = { get: jest.fn(() => queue) };
  const producer = new JobProducer(moduleRef as unknown as ModuleRef);
  const name = Object.values(JobName)[0];

  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('adds the job to the queue its name belongs to, with bounded history, and returns its id', async () => {
    const data = { requestId: 'req-1' } as never;
    await expect(producer.enqueue(name, data)).resolves.toBe('42');
    expect(moduleRef.get).toHaveBeenCalledWith(getQueueToken(JobQueue[name]), { strict: false });
    expect(queue.add).toHaveBeenCalledWith(name, data, { removeOnComplete: 1000, removeOnFail: 5000 });
  });

  it('lets the caller add and override job options', async () => {
    await producer.enqueue(name, { requestId: 'req-2' } as never, { delay: 5_000, removeOnFail: 10 });
    expect(queue.add).toHaveBeenLastCalledWith(name, expect.anything(), {
      removeOnComplete: 1000,
      removeOnFail: 10,
      delay: 5_000,
    });
  });
});
