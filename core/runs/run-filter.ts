import { z } from 'zod';
import type { RunFilter } from '../../db/queries/run-filter-sql';
import { RUN_STATUSES } from '../../db/schema';

/** `2026-11-24T10:00:00Z`, `2026-11-24T10:00:00+01:00` or `2026-11-24` (midnight UTC). */
const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO date-time with a time zone (2026-11-24T10:00:00Z) or a date (2026-11-24)',
  })
  .transform((text) => new Date(text));

/** `failed,running` or repeated parameters (joined with ',' by `flattenParams`). */
const StatusList = z
  .string()
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.enum(RUN_STATUSES, { error: `status must be among ${RUN_STATUSES.join(', ')}` })));

/** The filters of the runs list, as URL query parameters (shareable links) and request bodies. */
export const RunFilterSchema = z.object({
  pipeline: z.string().trim().min(1).max(100).optional(),
  status: StatusList.optional(),
  state: z.string().trim().min(1).max(300).optional(),
  createdAfter: Instant.optional(),
  createdBefore: Instant.optional(),
  /** A run id (or its first characters) or an idempotency key (or its beginning). */
  q: z.string().trim().min(1).max(200).optional(),
});
export type RunFilterParams = z.infer<typeof RunFilterSchema>;

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
