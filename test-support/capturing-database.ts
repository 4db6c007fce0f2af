import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { type Database, schema } from '../db/client';
import { createListener, type Listener } from '../db/listener';

export interface CapturedQuery {
  text: string;
  params: unknown[];
}

/**
 * A database whose client remembers every statement it sends, with its parameters, so a test or a
 * benchmark can run the engine's own reads and then EXPLAIN exactly what they asked.
 */
export function capturingDatabase(url: string): Database & { captured: CapturedQuery[] } {
  const captured: CapturedQuery[] = [];
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    debug: (_connection, text, params) => {
      captured.push({ text, params: [...(params as unknown[])] });
    },
  });
  let listener: Listener | undefined;
  return {
    db: drizzle(sql, { schema }),
    sql,
    listen(channel, onNotify, hooks) {
      listener ??= createListener(url, { applicationName: 'signalbox-capture-listen' });
      return listener.listen(channel, onNotify, hooks);
    },
    listenSession: () => listener?.session(),
    async close() {
      await listener?.close();
      await sql.end({ timeout: 5 });
    },
    captured,
  };
}

/** The plan of one captured statement (EXPLAIN, optionally ANALYZE), as PostgreSQL's JSON. */
export async function explain(
  sql: postgres.Sql,
  query: CapturedQuery,
  analyze = false,
): Promise<{ plan: PlanNode; executionMs?: number }> {
  const options = analyze ? '(analyze, buffers, format json)' : '(format json)';
  const rows = await sql.unsafe(
    `explain ${options} ${query.text}`,
    query.params as postgres.ParameterOrJSON<never>[],
  );
  const [result] = rows[0]!['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time'?: number }[];
  return { plan: result!.Plan, executionMs: result!['Execution Time'] };
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Total Time'?: number;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** A one-line outline of a plan: `Limit > Index Scan (runs_created_idx)`. */
export function planOutline(plan: PlanNode): string {
  return planNodes(plan)
    .map(
      (node) =>
        `${node['Node Type']}${node['Index Name'] ? ` (${node['Index Name']})` : node['Relation Name'] ? ` (${node['Relation Name']})` : ''}`,
    )
    .join(' > ');
}
