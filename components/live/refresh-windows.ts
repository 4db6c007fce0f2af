/** How long a console gathers run notices before it asks the server again (`live-updates.tsx`). */

/** Notices are gathered for this long, so a burst of transitions costs one refetch per query. */
export const BATCH_MS = 400;
/**
 * Lists and counts (runs, pipelines, overview, problems) gather notices longer: while runs keep
 * changing, every open console would otherwise ask for the same lists 2.5 times a second. Each
 * console draws its window between 0.75 and 1.25 s, so that consoles that heard the same notice do
 * not all ask at the same moment (the server would answer them in one burst, holding up the stream).
 */
export const listBatchMs = () => 750 + Math.random() * 500;
