import { afterAll, beforeAll } from 'vitest';
import type { Pipeline } from '../core/definition/define-pipeline';
import type { Engine } from '../core/engine';
import type { WorkerHandle, WorkerOptions } from '../worker/run-worker';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testEngine, testWorker } from './test-engine';

export interface TestEngine {
  db: TestDatabase;
  engine: Engine;
  /** Present when asked for with `worker`. */
  worker: WorkerHandle;
}

/**
 * A test file's set-up in one line: before its tests, a fresh database (cloned from the migrated
 * template), an engine over it and, with `worker`, a real graphile-worker; after them, the worker
 * stopped and the database dropped. Read `t.db`, `t.engine`, `t.worker` inside hooks and tests.
 */
export function setUpTestEngine(
  pipelines: readonly Pipeline[],
  options: { worker?: true | Partial<WorkerOptions> } = {},
): TestEngine {
  const fixture = {} as TestEngine;
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
    fixture.engine = testEngine(fixture.db, pipelines);
    if (options.worker) {
      fixture.worker = await testWorker(
        fixture.db,
        fixture.engine,
        options.worker === true ? {} : options.worker,
      );
    }
  });
  afterAll(async () => {
    await fixture.worker?.stop();
    await fixture.db?.drop();
  });
  return fixture;
}
