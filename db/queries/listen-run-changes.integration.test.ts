import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { listenRunChanges } from './listen-run-changes';
import { notifyRunChanged, type RunChangedNotice } from './notify-run-changed';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('listenRunChanges', () => {
  it('delivers committed notices, not rolled-back ones, and reports that it listens', async () => {
    const notices: RunChangedNotice[] = [];
    let listens = 0;
    let delivered: () => void = () => {};
    const second = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const stop = await listenRunChanges(
      db.listen,
      (notice) => {
        notices.push(notice);
        if (notices.length === 2) delivered();
      },
      {
        onListen: () => {
          listens += 1;
        },
      },
    );
    const notice = (version: number): RunChangedNotice => ({
      runId: '8d7bfa43-7160-46d7-aae3-1e3f39f81833',
      pipelineId: 'hello-etl',
      state: 'loading',
      status: 'running',
      version,
    });
    await db.db
      .transaction(async (tx) => {
        await notifyRunChanged(tx, notice(1));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await notifyRunChanged(db.db, notice(2));
    await notifyRunChanged(db.db, notice(3));
    await second;
    await stop();
    expect(notices.map((n) => n.version)).toEqual([2, 3]);
    expect(listens).toBe(1);
  });
});
