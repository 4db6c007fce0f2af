import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../core/auth/actor';
import type { Engine } from '../../core/engine';
import { submitIngestFile } from '../../health/ingest/submit-ingest-file';
import { generateFhirBundle } from '../../pipelines/fhir-bundle/synthetic-fhir-bundle';
import { INBOX_ROUTES } from '../../pipelines/ingest-inbox/ingest-inbox.pipeline';
import { generateLabCsv } from '../../pipelines/lab-results-csv/synthetic-lab-csv';

export interface DemoFile {
  pipelineId: 'lab-results-csv' | 'fhir-bundle';
  name: string;
  /** What the console shows for it once the worker is done. */
  outcome: string;
  content: string;
}

/** A CSV whose fourth data row opens a quote it never closes: the file fails in `parsing`. */
function malformedCsv(): string {
  const lines = generateLabCsv({ seed: 15, rows: 40 }).split('\n');
  lines[4] = lines[4]!.replace(',"', ',"unterminated ');
  lines[4] = lines[4]!.replace(/",(?=[^"]*$)/, ',');
  return lines.join('\n');
}

/**
 * The health-data demo, all synthetic and fixed by seeds: every outcome an operator meets.
 * `duplicate` is the first file again, delivered through the inbox so that it arrives after the
 * original has loaded (a direct submission could race it and split the rows between the two runs).
 */
export function healthDemoFiles(): { direct: DemoFile[]; duplicate: DemoFile } {
  const north = generateLabCsv({ seed: 11, rows: 400, patients: 40 });
  return {
    direct: [
      {
        pipelineId: 'lab-results-csv',
        name: 'north-clinic-2025-03.csv',
        outcome: 'completed',
        content: north,
      },
      {
        pipelineId: 'lab-results-csv',
        name: 'south-clinic-2025-03.csv',
        outcome: 'completed',
        content: generateLabCsv({ seed: 12, rows: 250, patients: 30, firstPatient: 2001 }),
      },
      {
        pipelineId: 'lab-results-csv',
        name: 'east-clinic-2025-03.csv',
        outcome: 'completed with 3 % quarantined (under the 5 % threshold)',
        content: generateLabCsv({ seed: 13, rows: 300, patients: 30, firstPatient: 3001, badShare: 0.03 }),
      },
      {
        pipelineId: 'lab-results-csv',
        name: 'west-clinic-2025-03.csv',
        outcome: 'awaiting_review: 20 % quarantined (approve or reject)',
        content: generateLabCsv({ seed: 14, rows: 150, patients: 20, firstPatient: 4001, badShare: 0.2 }),
      },
      {
        pipelineId: 'lab-results-csv',
        name: 'lab-export-broken.csv',
        outcome: 'failed in parsing',
        content: malformedCsv(),
      },
      {
        pipelineId: 'fhir-bundle',
        name: 'ehr-export-2025-03.json',
        outcome: 'completed; patients linked to the north clinic results, 3 entries quarantined',
        content: JSON.stringify(
          generateFhirBundle({ seed: 16, patients: 25, observations: 150, badEntries: 3 }),
          null,
          2,
        ),
      },
    ],
    duplicate: {
      pipelineId: 'lab-results-csv',
      name: 'north-clinic-2025-03-resent.csv',
      outcome: 'completed with every row a duplicate',
      content: north,
    },
  };
}

async function* bytes(text: string) {
  yield Buffer.from(text);
}

/**
 * Submits the demo files (idempotently: seeding twice starts nothing new) and drops the duplicate
 * into the inbox, where the next poll (every minute) picks it up. Returns the runs started now.
 */
export async function seedHealthDemo(
  engine: Engine,
  by: Actor,
  options: { inboxDir?: string } = {},
): Promise<number> {
  const { direct, duplicate } = healthDemoFiles();
  for (const [index, file] of direct.entries()) {
    await submitIngestFile(
      engine,
      {
        pipelineId: file.pipelineId,
        fileName: file.name,
        content: bytes(file.content),
        idempotencyKey: `seed-health-${index}`,
      },
      by,
    );
  }
  if (options.inboxDir) {
    const folder = join(
      options.inboxDir,
      INBOX_ROUTES.find((r) => r.pipelineId === duplicate.pipelineId)!.folder,
    );
    mkdirSync(folder, { recursive: true });
    const path = join(folder, duplicate.name);
    writeFileSync(path, duplicate.content);
    // Settled already: the poll leaves files younger than a couple of seconds alone.
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
  } else {
    await submitIngestFile(
      engine,
      {
        pipelineId: duplicate.pipelineId,
        fileName: duplicate.name,
        content: bytes(duplicate.content),
        idempotencyKey: 'seed-health-duplicate',
      },
      by,
    );
  }
  return direct.length + (options.inboxDir ? 0 : 1);
}
