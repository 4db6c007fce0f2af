import type { Executor } from '../../db/client';
import { getIngestFile } from '../../db/queries/get-ingest-file';
import { insertStagedRecords, type NewStagedRecord } from '../../db/queries/insert-staged-records';
import type { StagedKind } from '../../db/schema';
import { countIngest, type IngestCounts } from './ingest-counts';
import { MalformedFile } from './malformed-file';
import { readIngestFile } from './read-ingest-file';

/** Bundles are parsed whole (JSON has no natural record boundary): larger ones are refused. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

const KINDS: Record<string, StagedKind> = { Patient: 'patient', Observation: 'observation' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses bundle text; errors say what is wrong, never quote the text (V8's JSON errors do). */
export function parseBundleText(text: string): unknown[] {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new MalformedFile(`not valid JSON${position ? ` (at character ${position})` : ''}`);
  }
  if (!isObject(bundle) || bundle.resourceType !== 'Bundle') {
    throw new MalformedFile('not a FHIR Bundle (resourceType must be "Bundle")');
  }
  if (bundle.entry === undefined) return [];
  if (!Array.isArray(bundle.entry)) throw new MalformedFile('Bundle.entry is not an array');
  return bundle.entry;
}

/**
 * Stages every entry of a stored FHIR R4 Bundle as a record numbered by its index in
 * `Bundle.entry`: Patient and Observation entries for validation, anything else as `other` (which
 * validation quarantines). A file that is not a JSON Bundle throws `MalformedFile`.
 */
export async function parseFhirBundle(
  db: Executor,
  options: { runId: string; fileId: string; signal?: AbortSignal; batchSize?: number },
): Promise<IngestCounts> {
  const file = await getIngestFile(db, options.fileId);
  if (file && file.bytes > MAX_BUNDLE_BYTES) {
    throw new MalformedFile(`bundle is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB; split it`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of readIngestFile(db, options.fileId, options.signal)) chunks.push(chunk);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new MalformedFile('not UTF-8 text');
  }
  const entries = parseBundleText(text);
  const batchSize = options.batchSize ?? 1_000;
  for (let start = 0; start < entries.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const records: NewStagedRecord[] = entries.slice(start, start + batchSize).map((entry, i) => {
      const resource = isObject(entry) ? entry.resource : undefined;
      const type = isObject(resource) ? resource.resourceType : undefined;
      return {
        recordNumber: start + i,
        line: null,
        kind: (typeof type === 'string' && KINDS[type]) || 'other',
        raw: isObject(entry) ? { fullUrl: entry.fullUrl ?? null, resource: resource ?? null } : { entry },
        status: 'staged',
      };
    });
    await insertStagedRecords(db, options.runId, records);
  }
  return countIngest(db, options.runId);
}
