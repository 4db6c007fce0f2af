import { describe, expect, it } from 'vitest';
import {
  canonicalRunSearch,
  changeRunSearch,
  filterObject,
  filterSearch,
  fromDateTimeLocal,
  toDateTimeLocal,
} from './run-search-params';

describe('canonicalRunSearch', () => {
  it('keeps known parameters in a fixed order and drops empty and unknown ones', () => {
    const params = new URLSearchParams('cursor=abc&q=&status=failed&pipeline=hello-etl&utm=x&sort=created');
    expect(canonicalRunSearch(params)).toBe('pipeline=hello-etl&status=failed&sort=created&cursor=abc');
  });

  it('reads the record Next.js gives server pages, joining repeated values', () => {
    expect(canonicalRunSearch({ status: ['failed', 'running'], state: 'checks', limit: undefined })).toBe(
      'status=failed%2Crunning&state=checks',
    );
  });

  it('gives the same string for the same view written differently', () => {
    expect(canonicalRunSearch(new URLSearchParams('status=failed&status=waiting'))).toBe(
      canonicalRunSearch(new URLSearchParams('status=failed,waiting')),
    );
  });
});

describe('changeRunSearch', () => {
  it('returns to the first page when a filter or the sort changes', () => {
    expect(changeRunSearch('pipeline=a&cursor=c1', { status: 'failed' })).toBe('pipeline=a&status=failed');
    expect(changeRunSearch('pipeline=a&cursor=c1', { sort: 'state', dir: 'asc' })).toBe(
      'pipeline=a&sort=state&dir=asc',
    );
  });

  it('keeps the filters when paging, and removes parameters set to null', () => {
    expect(changeRunSearch('pipeline=a', { cursor: 'c2' })).toBe('pipeline=a&cursor=c2');
    expect(changeRunSearch('pipeline=a&q=x', { q: null })).toBe('pipeline=a');
  });
});

describe('filters', () => {
  it('separates the filters from the view parameters', () => {
    expect(filterSearch('pipeline=a&sort=state&cursor=c&q=x')).toBe('pipeline=a&q=x');
    expect(filterObject('pipeline=a&status=failed&cursor=c')).toEqual({ pipeline: 'a', status: 'failed' });
  });
});

describe('datetime-local conversion', () => {
  it('round-trips through the browser time zone', () => {
    const iso = fromDateTimeLocal('2026-11-24T10:30');
    expect(iso).toMatch(/^2026-11-2\dT\d\d:30:00\.000Z$/);
    expect(toDateTimeLocal(iso)).toBe('2026-11-24T10:30');
  });

  it('treats empty and invalid values as no filter', () => {
    expect(fromDateTimeLocal('')).toBe('');
    expect(fromDateTimeLocal('nonsense')).toBe('');
    expect(toDateTimeLocal('nonsense')).toBe('');
  });
});
