import type { Executor } from '../../db/client';
import { listUnnormalizedMeasurements } from '../../db/queries/list-unnormalized-measurements';
import { updateStagedCanonical } from '../../db/queries/update-staged-canonical';
import { findLoinc } from '../observations/loinc-subset';
import { toCanonical, unitKey } from '../observations/unit-conversions';
import { countIngest, type IngestCounts } from './ingest-counts';
import { recordRanges } from './record-ranges';

/**
 * Converts a run's valid measurements to their code's canonical unit with the factors of
 * `UNIT_CONVERSIONS`, in batches. Validation accepted only convertible units, so a measurement that
 * cannot be converted means the tables changed under a live run: that fails loudly.
 */
export async function normalizeMeasurements(
  db: Executor,
  options: { runId: string; signal?: AbortSignal; batchSize?: number },
): Promise<IngestCounts & { converted: number }> {
  const batchSize = options.batchSize ?? 5_000;
  let converted = 0;
  for await (const { after, through } of recordRanges(db, options.runId, batchSize)) {
    options.signal?.throwIfAborted();
    const batch = await listUnnormalizedMeasurements(db, {
      runId: options.runId,
      afterRecord: after,
      throughRecord: through,
    });
    if (batch.length === 0) continue;
    const updates = batch.map((m) => {
      const entry = m.loincCode ? findLoinc(m.loincCode) : undefined;
      const canonical = entry && m.value !== null && m.unit ? toCanonical(entry, m.value, m.unit) : undefined;
      if (!canonical) {
        throw new Error(
          `record ${m.recordNumber}: no conversion to a canonical unit (the LOINC or unit tables changed?)`,
        );
      }
      if (unitKey(m.unit!) !== unitKey(canonical.unit)) converted++;
      return { id: m.id, canonicalValue: canonical.value, canonicalUnit: canonical.unit };
    });
    await updateStagedCanonical(db, updates);
  }
  return { ...(await countIngest(db, options.runId)), converted };
}
