/** The runs list's URL parameters, in the order they are written (one canonical string per view). */
export const RUN_FILTER_PARAMS = [
  'pipeline',
  'status',
  'state',
  'createdAfter',
  'createdBefore',
  'q',
] as const;
export const RUN_VIEW_PARAMS = ['sort', 'dir', 'limit', 'cursor'] as const;
const ALL_PARAMS = [...RUN_FILTER_PARAMS, ...RUN_VIEW_PARAMS] as const;

export type RunParam = (typeof ALL_PARAMS)[number];
type ParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(input: ParamsInput, name: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(name);
  const value = input[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The runs list's parameters as one canonical query string (known names, fixed order, empty values
 * dropped, repeated values joined with ','): the same on the server and in the browser, so that the
 * server-rendered page and react-query share one cache key, and the API gets exactly the URL's filters.
 */
export function canonicalRunSearch(input: ParamsInput, names: readonly RunParam[] = ALL_PARAMS): string {
  const out = new URLSearchParams();
  for (const name of names) {
    const values = valuesOf(input, name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
    if (values.length) out.set(name, values.join(','));
  }
  return out.toString();
}

/** Only the filters (what status counts and bulk retry are about). */
export const filterSearch = (search: string): string =>
  canonicalRunSearch(new URLSearchParams(search), RUN_FILTER_PARAMS);

/** The search with some parameters changed (null removes); any change but paging returns to page one. */
export function changeRunSearch(search: string, changes: Partial<Record<RunParam, string | null>>): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  }
  if (!('cursor' in changes)) params.delete('cursor');
  return canonicalRunSearch(params);
}

/** The filters as an object (for the bulk retry request). */
export function filterObject(search: string): Partial<Record<(typeof RUN_FILTER_PARAMS)[number], string>> {
  const params = new URLSearchParams(search);
  return Object.fromEntries(
    RUN_FILTER_PARAMS.filter((name) => params.has(name)).map((name) => [name, params.get(name)!]),
  );
}

/** `2026-11-24T10:30` in the browser's time zone, for <input type="datetime-local">. */
export function toDateTimeLocal(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (browser time zone) as an ISO instant for the URL; '' when empty or invalid. */
export function fromDateTimeLocal(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
