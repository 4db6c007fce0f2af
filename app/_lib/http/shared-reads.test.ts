import { describe, expect, it } from 'vitest';
import { createSharedReads } from './shared-reads';

/** A read that answers when told to, counting how often it started and what it saw. */
function controlledRead() {
  const started: Array<{ seen: number; answer: (value: string) => void; fail: (error: Error) => void }> = [];
  let version = 0;
  const read = () =>
    new Promise<string>((resolve, reject) => {
      started.push({ seen: version, answer: resolve, fail: reject });
    });
  return {
    read,
    started,
    commit: () => {
      version += 1;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('shared reads', () => {
  it('a read with no one else asking runs at once and alone', async () => {
    const share = createSharedReads();
    const db = controlledRead();
    const answer = share('runs', db.read);
    await tick();
    expect(db.started).toHaveLength(1);
    db.started[0]!.answer('page 1');
    await expect(answer).resolves.toBe('page 1');
  });

  it('callers arriving while a read runs share one read started after it ends', async () => {
    const share = createSharedReads();
    const db = controlledRead();
    const first = share('runs', db.read);
    await tick();
    db.commit(); // a transition commits; its notice makes fifty consoles ask again
    const later = Array.from({ length: 50 }, () => share('runs', db.read));
    await tick();
    expect(db.started).toHaveLength(1);

    db.started[0]!.answer('before the commit');
    await expect(first).resolves.toBe('before the commit');
    await tick();
    expect(db.started).toHaveLength(2);
    // The shared read started after every later caller asked: it sees the commit they heard of.
    expect(db.started[1]!.seen).toBe(1);
    db.started[1]!.answer('after the commit');
    expect(await Promise.all(later)).toEqual(Array(50).fill('after the commit'));
    expect(db.started).toHaveLength(2);
  });

  it('keys are independent', async () => {
    const share = createSharedReads();
    const db = controlledRead();
    const a = share('runs?status=failed', db.read);
    const b = share('runs?status=running', db.read);
    await tick();
    expect(db.started).toHaveLength(2);
    db.started[0]!.answer('failed');
    db.started[1]!.answer('running');
    expect(await Promise.all([a, b])).toEqual(['failed', 'running']);
  });

  it('a failed read fails its own callers only, and the key is free again', async () => {
    const share = createSharedReads();
    const db = controlledRead();
    const first = share('runs', db.read);
    await tick();
    const second = share('runs', db.read);
    db.started[0]!.fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    db.started[1]!.answer('page 1');
    await expect(second).resolves.toBe('page 1');

    const third = share('runs', db.read);
    await tick();
    expect(db.started).toHaveLength(3);
    db.started[2]!.answer('page 1 again');
    await expect(third).resolves.toBe('page 1 again');
  });

  it('a read that throws before returning a promise is a failed read', async () => {
    const share = createSharedReads();
    await expect(
      share('runs', () => {
        throw new Error('not allowed');
      }),
    ).rejects.toThrow('not allowed');
    await expect(share('runs', async () => 'fine')).resolves.toBe('fine');
  });
});
