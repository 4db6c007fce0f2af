import type { Executor } from '../../db/client';
import { findPatientLinks } from '../../db/queries/find-patient-links';
import type { NewQuarantinedRecord } from '../../db/queries/insert-quarantined-records';
import { listStagedRecords, type StagedRecordView } from '../../db/queries/list-staged-records';
import type { StagedValidation } from '../../db/queries/update-staged-validation';
import { checkPatientId, type FieldIssue, rawText } from '../observations/check-measurement';
import {
  type Identifier,
  type SubjectRef,
  validateFhirObservation,
  validateFhirPatient,
} from '../observations/validate-fhir-resource';
import { countIngest, type IngestCounts } from './ingest-counts';
import { recordRanges } from './record-ranges';
import { NO_FIELDS, quarantinedValidation, writeValidationBatch } from './write-validation-batch';

export interface ValidateFhirOptions {
  runId: string;
  now: Date;
  /** The identifier system whose value is the Signalbox patient id. */
  patientIdSystem: string;
  signal?: AbortSignal;
  batchSize?: number;
}

interface Staged {
  fullUrl: string | null;
  resource: Record<string, unknown> | null;
}

const key = (i: Identifier) => `${i.system}|${i.value}`;

/** Every page of a run's staged records of one kind, whatever their status. */
async function allRecords(
  db: Executor,
  runId: string,
  kind: 'patient' | 'other',
): Promise<StagedRecordView[]> {
  const all: StagedRecordView[] = [];
  for await (const { after, through } of recordRanges(db, runId, 10_000)) {
    const page = await listStagedRecords(db, {
      runId,
      kinds: [kind],
      statuses: ['staged', 'valid', 'quarantined'],
      afterRecord: after,
      throughRecord: through,
    });
    all.push(...page);
  }
  return all;
}

async function knownLinks(db: Executor, identifiers: readonly Identifier[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const unique = [...new Map(identifiers.map((i) => [key(i), i])).values()];
  for (let i = 0; i < unique.length; i += 1_000) {
    for (const link of await findPatientLinks(db, unique.slice(i, i + 1_000)))
      links.set(key(link), link.patientId);
  }
  return links;
}

/** How a bundle's Observations may name their Patient: the entry's fullUrl or `Patient/<id>`. */
function referencesOf(record: Staged): string[] {
  const refs: string[] = [];
  if (record.fullUrl) {
    refs.push(record.fullUrl);
    const tail = /(Patient\/[^/]+)$/.exec(record.fullUrl)?.[1];
    if (tail) refs.push(tail);
  }
  const id = record.resource?.id;
  if (typeof id === 'string' && id.trim() !== '') refs.push(`Patient/${id.trim()}`);
  return refs;
}

/**
 * Validates a run's staged bundle entries. Patients first: each needs an identifier; its patient id
 * is the value in `patientIdSystem`, or the patient an already known identifier links to. Then
 * Observations, whose subject must resolve to a valid Patient entry of the bundle or a known
 * identifier. Other resource types are quarantined. Safe to run again.
 */
export async function validateFhirEntries(db: Executor, options: ValidateFhirOptions): Promise<IngestCounts> {
  const { runId } = options;
  const write = (updates: StagedValidation[], issues: NewQuarantinedRecord[]) =>
    writeValidationBatch(db, runId, updates, issues);
  const quarantine = (
    record: StagedRecordView,
    found: FieldIssue[],
    updates: StagedValidation[],
    issues: NewQuarantinedRecord[],
  ) => {
    updates.push(quarantinedValidation(record.id));
    for (const issue of found) issues.push({ recordNumber: record.recordNumber, line: null, ...issue });
  };

  // Patients: all of them, every time (a retry needs the whole reference map again).
  const patientRecords = await allRecords(db, runId, 'patient');
  const checked = patientRecords.map((record) => ({
    record,
    staged: record.raw as Staged,
    result: validateFhirPatient((record.raw as Staged).resource ?? {}, options.patientIdSystem),
  }));
  const links = await knownLinks(
    db,
    checked.flatMap((c) => (c.result.ok ? c.result.identifiers : [])),
  );
  const resolved = new Map<string, string>();
  const quarantinedRefs = new Set<string>();
  let updates: StagedValidation[] = [];
  let issues: NewQuarantinedRecord[] = [];
  for (const { record, staged, result } of checked) {
    let problem: FieldIssue | null = null;
    let patientId: string | null = null;
    if (!result.ok) {
      quarantine(record, result.issues, updates, issues);
    } else {
      const linked = new Set(
        result.identifiers.map((i) => links.get(key(i))).filter((id): id is string => !!id),
      );
      patientId = result.patientId ?? (linked.size === 1 ? [...linked][0]! : null);
      if (!patientId) {
        problem = {
          field: 'Patient.identifier',
          reason:
            linked.size > 1
              ? 'identifiers belong to different known patients'
              : `no identifier in ${options.patientIdSystem}, and no other identifier is known`,
          rawValue: rawText(staged.resource?.identifier),
        };
      } else if ([...linked].some((id) => id !== patientId)) {
        problem = {
          field: 'Patient.identifier',
          reason: 'an identifier is already linked to another patient',
          rawValue: rawText(staged.resource?.identifier),
        };
      }
      if (problem) quarantine(record, [problem], updates, issues);
      else
        updates.push({
          ...NO_FIELDS,
          id: record.id,
          status: 'valid',
          patientId,
          identifiers: result.identifiers,
        });
    }
    const ok = result.ok && !problem && patientId;
    for (const ref of referencesOf(staged)) {
      if (ok) resolved.set(ref, patientId!);
      else quarantinedRefs.add(ref);
    }
  }
  await write(updates, issues);

  updates = [];
  issues = [];
  for (const record of await allRecords(db, runId, 'other')) {
    const resource = (record.raw as Staged).resource;
    const type = resource?.resourceType;
    quarantine(
      record,
      [
        resource
          ? {
              field: 'resource.resourceType',
              reason: 'not ingested (Patient, Observation)',
              rawValue: rawText(type),
            }
          : { field: 'resource', reason: 'missing', rawValue: null },
      ],
      updates,
      issues,
    );
  }
  await write(updates, issues);

  const batchSize = options.batchSize ?? 1_000;
  for await (const { after, through } of recordRanges(db, runId, batchSize)) {
    options.signal?.throwIfAborted();
    const batch = await listStagedRecords(db, {
      runId,
      kinds: ['observation'],
      statuses: ['staged'],
      afterRecord: after,
      throughRecord: through,
    });
    if (batch.length === 0) continue;
    const results = batch.map((record) => ({
      record,
      result: validateFhirObservation((record.raw as Staged).resource ?? {}, options.now),
    }));
    const subjectLinks = await knownLinks(
      db,
      results.flatMap(({ result }) =>
        result.ok && result.subject.identifier ? [result.subject.identifier] : [],
      ),
    );
    const resolveSubject = (subject: SubjectRef): string | FieldIssue => {
      const field = 'Observation.subject';
      if (subject.reference && resolved.has(subject.reference)) return resolved.get(subject.reference)!;
      if (subject.reference && quarantinedRefs.has(subject.reference)) {
        return { field, reason: 'refers to a quarantined Patient entry', rawValue: subject.reference };
      }
      if (subject.identifier) {
        if (subject.identifier.system === options.patientIdSystem) {
          return checkPatientId(subject.identifier.value, 'Observation.subject.identifier.value');
        }
        const linked = subjectLinks.get(key(subject.identifier));
        if (linked) return linked;
        return {
          field,
          reason: 'identifier is not linked to a known patient',
          rawValue: rawText(subject.identifier),
        };
      }
      return {
        field,
        reason: 'does not resolve to a Patient entry of this bundle',
        rawValue: subject.reference,
      };
    };
    updates = [];
    issues = [];
    for (const { record, result } of results) {
      if (!result.ok) {
        quarantine(record, result.issues, updates, issues);
        continue;
      }
      const patient = resolveSubject(result.subject);
      if (typeof patient !== 'string') quarantine(record, [patient], updates, issues);
      else
        updates.push({
          id: record.id,
          status: 'valid',
          patientId: patient,
          ...result.measurement,
          identifiers: null,
        });
    }
    await write(updates, issues);
  }
  return countIngest(db, runId);
}
