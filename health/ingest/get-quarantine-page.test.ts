import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/errors';
import { parseQuarantineQuery } from './get-quarantine-page';

const failure = (query: string) => {
  try {
    parseQuarantineQuery(new URLSearchParams(query));
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`expected '${query}' to be refused`);
};
const failedFields = (query: string) =>
  (failure(query).details as { fields: { path: string }[] }).fields.map((f) => f.path);

describe('parseQuarantineQuery', () => {
  it('defaults to the first page of 50, without raw values', () => {
    expect(parseQuarantineQuery(new URLSearchParams())).toEqual({ page: 1, pageSize: 50, values: false });
  });

  it('reads page, page size and the values flag', () => {
    expect(parseQuarantineQuery(new URLSearchParams('page=3&pageSize=500&values=true'))).toEqual({
      page: 3,
      pageSize: 500,
      values: true,
    });
    expect(parseQuarantineQuery({ values: '0', page: '' })).toEqual({ page: 1, pageSize: 50, values: false });
    expect(parseQuarantineQuery({ values: '1' }).values).toBe(true);
  });

  it('refuses pages below 1, sizes above 500, fractions, words and repeated values', () => {
    expect(failure('page=0')).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(failedFields('page=0')).toEqual(['page']);
    expect(failedFields('pageSize=501')).toEqual(['pageSize']);
    expect(failedFields('page=1.5')).toEqual(['page']);
    expect(failedFields('page=two&pageSize=ten')).toEqual(['page', 'pageSize']);
    expect(failedFields('page=1&page=2')).toEqual(['page']);
    expect(failedFields('values=yes')).toEqual(['values']);
  });

  it('ignores parameters it does not know (cache busters, tracking)', () => {
    expect(parseQuarantineQuery(new URLSearchParams('page=2&_=123'))).toEqual({
      page: 2,
      pageSize: 50,
      values: false,
    });
  });
});
