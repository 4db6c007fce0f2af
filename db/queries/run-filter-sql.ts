import { and, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type RunStatus, runs } from '../schema';

/** Which runs a list, a count or a bulk action is about; every field narrows the set. */
export interface RunFilter {
  pipelineId?: string;
  statuses?: readonly RunStatus[];
  /**
   * A leaf state path, or a compound state matching every leaf below it (`checks` → `checks.scanning`),
   * with the leaf paths it stands for in the registered machines (`stateFilterLeaves`).
   */
  state?: {
    path: string;
    leaves: readonly string[];
    /** Some registered machine has parallel states: labels of several leaves must be split too. */
    parallel: boolean;
  };
  createdAfter?: Date;
  createdBefore?: Date;
  search?: RunSearch;
}

/** Free-text search: an idempotency key (exact or prefix) or a run id (exact or prefix, as a uuid range). */
export interface RunSearch {
  text: string;
  /** Lowest and highest uuid starting with the typed prefix, when the text can be one. */
  idRange?: readonly [string, string];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause of a run filter (undefined when the filter is empty). */
export function runFilterWhere(filter: RunFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.pipelineId) conditions.push(eq(runs.pipelineId, filter.pipelineId));
  if (filter.statuses?.length) conditions.push(inArray(runs.status, [...filter.statuses]));
  if (filter.state) {
    const { path, leaves, parallel } = filter.state;
    // A sequential machine's label is one leaf: an index lookup. Only when some machine has
    // parallel states are labels of several leaves (joined by ',') split as well; that OR costs the
    // index, so it is added only then (runs_parallel_state_idx keeps those runs few to read).
    const oneLeaf = sql`${runs.state} = any(${sql.param([...leaves])}::text[])`;
    conditions.push(
      parallel
        ? sql`(${oneLeaf} or (strpos(${runs.state}, ',') > 0 and exists (
            select 1 from unnest(string_to_array(${runs.state}, ',')) as leaf
            where leaf = ${path} or leaf like ${`${escapeLike(path)}.%`}
          )))`
        : oneLeaf,
    );
  }
  if (filter.createdAfter) conditions.push(gte(runs.createdAt, filter.createdAfter));
  if (filter.createdBefore) conditions.push(lt(runs.createdAt, filter.createdBefore));
  if (filter.search) {
    const { text, idRange } = filter.search;
    const matches: SQL[] = [
      eq(runs.idempotencyKey, text),
      sql`${runs.idempotencyKey} like ${`${escapeLike(text)}%`}`,
    ];
    if (idRange) matches.push(sql`${runs.id} between ${idRange[0]}::uuid and ${idRange[1]}::uuid`);
    conditions.push(or(...matches)!);
  }
  return conditions.length ? and(...conditions) : undefined;
}
