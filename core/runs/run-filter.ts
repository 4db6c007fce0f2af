import type { RunFilterParams } from '../../contracts/runs';
import type { RunFilter } from '../../db/queries/run-filter-sql';

export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Query parameters as one string per name: repeated ones joined with ',', empty ones dropped. */
export function flattenParams(input: QueryInput): Record<string, string> {
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v ?? '']),
        );
  const flat: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value.trim() === '') continue;
    flat[name] = flat[name] === undefined ? value : `${flat[name]},${value}`;
  }
  return flat;
}

const HEX_PREFIX = /^[0-9a-f]{1,32}$/;

/** The uuid range of ids starting with `text` (dashes optional), or undefined if it cannot start one. */
export function idPrefixRange(text: string): readonly [string, string] | undefined {
  const hex = text.toLowerCase().replace(/-/g, '');
  if (!HEX_PREFIX.test(hex)) return undefined;
  const asUuid = (h: string) =>
    `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return [asUuid(hex.padEnd(32, '0')), asUuid(hex.padEnd(32, 'f'))];
}

/** The database filter for parsed parameters. */
export function toRunFilter(params: RunFilterParams): RunFilter {
  return {
    pipelineId: params.pipeline,
    statuses: params.status,
    state: params.state,
    createdAfter: params.createdAfter,
    createdBefore: params.createdBefore,
    search: params.q ? { text: params.q, idRange: idPrefixRange(params.q) } : undefined,
  };
}
