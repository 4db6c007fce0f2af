import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyed-queue';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyed queue', () => {
  it('runs the tasks of one key one after another, in call order', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, ms: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await later(ms);
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([
      queue('run-1', task('a', 20)),
      queue('run-1', task('b', 1)),
      queue('run-1', task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('tells a task whether it waited for another', async () => {
    const queue = createKeyedQueue();
    const waited = await Promise.all([
      queue('run-1', async (w) => w),
      queue('run-1', async (w) => w),
      queue('run-2', async (w) => w),
    ]);
    expect(waited).toEqual([false, true, false]);
    expect(await queue('run-1', async (w) => w)).toBe(false);
  });

  it('runs different keys at once', async () => {
    const queue = createKeyedQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await later(10);
      running -= 1;
    };
    await Promise.all([queue('run-1', task), queue('run-2', task), queue('run-3', task)]);
    expect(most).toBe(3);
  });

  it('a failed task fails its caller only; the next one still runs', async () => {
    const queue = createKeyedQueue();
    const failed = queue('run-1', async () => {
      throw new Error('lost the database');
    });
    const next = queue('run-1', async () => 'applied');
    await expect(failed).rejects.toThrow('lost the database');
    await expect(next).resolves.toBe('applied');
  });
});
