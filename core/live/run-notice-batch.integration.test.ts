import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenRunChanges } from '../../db/queries/listen-run-changes';
import type { RunChangedNotice } from '../../db/queries/notify-run-changed';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine } from '../../test-support/test-engine';
import type { Engine } from '../engine';
import { RunNoticeBatch } from './run-notice-batch';

let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = testEngine(db, []);
});
afterAll(() => db.drop());

const notice = (runId: string, version: number): RunChangedNotice => ({
  runId,
  pipelineId: 'p',
  state: 'working',
  status: 'running',
  version,
});

describe('RunNoticeBatch', () => {
  it('sends queued notices together, the latest one per run', async () => {
    const heard: RunChangedNotice[] = [];
    const unlisten = await listenRunChanges(engine.listen, (n) => heard.push(n));
    const batch = new RunNoticeBatch(engine, 60_000);
    batch.add(notice('a', 1));
    batch.add(notice('b', 1));
    batch.add(notice('a', 2));
    expect(heard).toEqual([]);
    await batch.flush();
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual([notice('a', 2), notice('b', 1)]);
    await unlisten();
  });

  it('sends by itself once the window has passed', async () => {
    const heard: RunChangedNotice[] = [];
    const unlisten = await listenRunChanges(engine.listen, (n) => heard.push(n));
    new RunNoticeBatch(engine, 10).add(notice('c', 3));
    await expect.poll(() => heard).toEqual([notice('c', 3)]);
    await unlisten();
  });
});
