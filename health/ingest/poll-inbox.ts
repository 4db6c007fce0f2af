import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Actor } from '../../core/auth/actor';
import { defineCapability } from '../../core/definition/capability';
import type { Engine } from '../../core/engine';
import { AppError } from '../../core/errors';
import { submitIngestFile } from './submit-ingest-file';

/** Files in `<inbox>/<folder>` with one of `extensions` go to `pipelineId`. */
export interface InboxRoute {
  folder: string;
  pipelineId: string;
  extensions: readonly string[];
}

export interface PollInboxOptions {
  /** Who submits the files (the worker, for the inbox pipeline's step). */
  by: Actor;
  inboxDir: string;
  routes: readonly InboxRoute[];
  /** Files modified more recently than this may still be being written: left for the next poll. */
  minAgeMs?: number;
  now?: Date;
  /** Lines for the step's log: file names and run ids, never content. */
  log?: (line: string) => void;
}

export interface PollInboxResult {
  /** Files that started a run. */
  started: number;
  /** Files whose content was submitted before (their first run is kept). */
  known: number;
  /** Files left for a later poll (too fresh, or they could not be read). */
  left: number;
}

export const PROCESSED_FOLDER = 'processed';
/** Files the inbox refused for good (e.g. too large): moved aside so they stop waking the schedule. */
export const REFUSED_FOLDER = 'refused';

/**
 * A file is settled when it has not changed for `minAgeMs` (it is not being written any more). A
 * modification time more than a minute in the future means a skewed clock: the file is taken.
 */
export const isSettled = (mtimeMs: number, now: number, minAgeMs: number): boolean => {
  const age = now - mtimeMs;
  return age >= minAgeMs || age < -60_000;
};

const isCandidate = (route: InboxRoute, entry: { name: string; isFile(): boolean }) =>
  entry.isFile() &&
  !entry.name.startsWith('.') &&
  route.extensions.includes(extname(entry.name).toLowerCase());

/** Whether any route folder holds a settled file to ingest: lets the schedule skip idle ticks cheaply. */
export async function hasInboxFiles(
  inboxDir: string,
  routes: readonly InboxRoute[],
  minAgeMs = 2_000,
  now = Date.now(),
): Promise<boolean> {
  for (const route of routes) {
    const folder = join(inboxDir, route.folder);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!isCandidate(route, entry)) continue;
      const info = await stat(join(folder, entry.name)).catch(() => undefined);
      if (info && isSettled(info.mtimeMs, now, minAgeMs)) return true;
    }
  }
  return false;
}

/**
 * One poll of the inbox: each settled file is submitted with the idempotency key `inbox:<sha256>`,
 * then moved to `<folder>/processed/`. A crash between the two is harmless: the next poll submits
 * the same content again and gets the same run back. Creates the folders on first use.
 */
export async function pollInbox(engine: Engine, options: PollInboxOptions): Promise<PollInboxResult> {
  const now = options.now ?? new Date();
  const minAgeMs = options.minAgeMs ?? 2_000;
  const log = options.log ?? (() => {});
  const result: PollInboxResult = { started: 0, known: 0, left: 0 };
  for (const route of options.routes) {
    const folder = join(options.inboxDir, route.folder);
    const processed = join(folder, PROCESSED_FOLDER);
    await mkdir(processed, { recursive: true });
    const entries = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => isCandidate(route, e))
      .map((e) => e.name)
      .sort();
    for (const name of entries) {
      const path = join(folder, name);
      try {
        const info = await stat(path);
        if (!isSettled(info.mtimeMs, now.getTime(), minAgeMs)) {
          result.left++;
          continue;
        }
        const submitted = await submitIngestFile(
          engine,
          {
            pipelineId: route.pipelineId,
            fileName: name,
            content: createReadStream(path),
            idempotencyKey: (sha256) => `inbox:${sha256}`,
          },
          options.by,
        );
        await rename(path, join(processed, `${submitted.file.sha256.slice(0, 12)}-${name}`));
        if (submitted.created) result.started++;
        else result.known++;
        log(
          submitted.created
            ? `${route.folder}/${name}: started run ${submitted.run.id}`
            : `${route.folder}/${name}: same content as run ${submitted.run.id}; not ingested again`,
        );
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          // Refused for good (too large, empty, not a file this pipeline takes): move it aside.
          await mkdir(join(folder, REFUSED_FOLDER), { recursive: true });
          await rename(path, join(folder, REFUSED_FOLDER, name)).catch(() => undefined);
          result.left++;
          log(`${route.folder}/${name}: refused (${error.code}); moved to ${REFUSED_FOLDER}/`);
          continue;
        }
        result.left++;
        log(`${route.folder}/${name}: left in the inbox for the next poll (${(error as Error).name})`);
      }
    }
  }
  return result;
}

/** The inbox for a step: polls as the worker the step runs in. */
export const inbox = defineCapability('ingest-inbox', ({ engine, by }) => ({
  poll: (options: Omit<PollInboxOptions, 'by'>) => pollInbox(engine, { ...options, by }),
}));
