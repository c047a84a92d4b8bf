import { eventually } from './eventually';

describe('eventually', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers the first truthy value without waiting', async () => {
    const fn = jest.fn(async () => 'ready');
    await expect(eventually(fn, 'the answer')).resolves.toBe('ready');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('asks again every 100 ms until the answer comes', async () => {
    const answers = [null, undefined, false, 'ready'];
    const fn = jest.fn(async () => answers.shift());
    const result = eventually(fn, 'the answer');
    await jest.advanceTimersByTimeAsync(250);
    expect(fn).toHaveBeenCalledTimes(3);
    await jest.advanceTimersByTimeAsync(100);
    await expect(result).resolves.toBe('ready');
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('gives up after the timeout, naming what it waited for', async () => {
    const fn = jest.fn(async () => null);
    const result = eventually(fn, 'the worker to start', 1_000);
    const failed = expect(result).rejects.toThrow('Timed out after 1000 ms waiting for the worker to start');
    await jest.advanceTimersByTimeAsync(1_200);
    await failed;
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(12);
  });
});
