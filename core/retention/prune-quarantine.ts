import {
  countOldQuarantinedRecords,
  deleteOldQuarantinedRecords,
} from '../../db/queries/delete-old-quarantined-records';
import { recordAudit } from '../audit/record-audit';
import { type Actor, authorize } from '../auth/actor';
import type { Engine } from '../engine';

export interface PruneQuarantineResult {
  dryRun: boolean;
  createdBefore: string;
  quarantinedRecords: number;
}

const BATCH = 1_000;

/**
 * Deletes quarantined records (the raw values of health records kept out of a load) older than a
 * time, in batches: they are kept only as long as operators need them to fix a file. The runs,
 * their counts and their audit trail stay. Audited with the cutoff and the number deleted.
 */
export async function pruneQuarantine(
  engine: Engine,
  request: { createdBefore: Date; dryRun?: boolean; signal?: AbortSignal },
  by: Actor,
): Promise<PruneQuarantineResult> {
  authorize(by, 'admin');
  const createdBefore = request.createdBefore.toISOString();
  if (request.dryRun) {
    const quarantinedRecords = await countOldQuarantinedRecords(engine.db, request.createdBefore);
    return { dryRun: true, createdBefore, quarantinedRecords };
  }
  let deleted = 0;
  for (;;) {
    if (request.signal?.aborted) break;
    const n = await deleteOldQuarantinedRecords(engine.db, request.createdBefore, BATCH);
    deleted += n;
    if (n < BATCH) break;
  }
  await recordAudit(engine, {
    by,
    action: 'quarantine.prune',
    target: 'quarantined_records',
    outcome: 'accepted',
    details: { createdBefore, quarantinedRecords: deleted },
  });
  return { dryRun: false, createdBefore, quarantinedRecords: deleted };
}
