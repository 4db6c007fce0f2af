import { describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { PipelineRegistry } from '../definition/pipeline-registry';
import { flattenParams, idPrefixRange, toRunFilter } from './run-filter';
import { parseRunListQuery } from './run-list-query';

const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { details: { fields: { path: string }[] } }).details.fields.map((f) => f.path);
  }
  throw new Error('expected a validation error');
};

describe('parseRunListQuery', () => {
  it('applies defaults: newest first, 50 per page', () => {
    expect(parseRunListQuery(new URLSearchParams())).toEqual({ limit: 50, sort: 'created', dir: 'desc' });
  });

  it('reads every filter from URL parameters', () => {
    const query = parseRunListQuery(
      new URLSearchParams(
        'pipeline=hello-etl&status=failed,waiting&status=failed&state=checks&createdAfter=2026-11-24T10:00:00Z&createdBefore=2026-11-25&q=seed-&limit=200&sort=state&dir=asc',
      ),
    );
    expect(query).toEqual({
      pipeline: 'hello-etl',
      status: ['failed', 'waiting'],
      state: 'checks',
      createdAfter: new Date('2026-11-24T10:00:00Z'),
      createdBefore: new Date('2026-11-25T00:00:00Z'),
      q: 'seed-',
      limit: 200,
      sort: 'state',
      dir: 'asc',
    });
  });

  it('treats empty parameters as absent (an empty filter form)', () => {
    expect(parseRunListQuery({ pipeline: '', status: '', q: '  ' })).toEqual({
      limit: 50,
      sort: 'created',
      dir: 'desc',
    });
  });

  it('names every invalid parameter', () => {
    expect(
      fieldsOf(() =>
        parseRunListQuery(
          new URLSearchParams('status=done&limit=201&createdAfter=yesterday&sort=random&dir=up'),
        ),
      ).sort(),
    ).toEqual(['createdAfter', 'dir', 'limit', 'sort', 'status.0']);
    expect(fieldsOf(() => parseRunListQuery(new URLSearchParams('limit=0')))).toEqual(['limit']);
    expect(
      fieldsOf(() => parseRunListQuery(new URLSearchParams('createdAfter=2026-11-24T10:00:00'))),
    ).toEqual(['createdAfter']);
  });
});

describe('flattenParams', () => {
  it('joins repeated parameters and drops empty ones', () => {
    expect(flattenParams(new URLSearchParams('status=a&status=b&q='))).toEqual({ status: 'a,b' });
    expect(flattenParams({ status: ['a', 'b'], q: undefined, pipeline: 'p' })).toEqual({
      status: 'a,b',
      pipeline: 'p',
    });
  });
});

describe('idPrefixRange', () => {
  it('turns the first characters of a run id into the uuid range they cover', () => {
    expect(idPrefixRange('8d7bfa43')).toEqual([
      '8d7bfa43-0000-0000-0000-000000000000',
      '8d7bfa43-ffff-ffff-ffff-ffffffffffff',
    ]);
    expect(idPrefixRange('8D7BFA43-71')).toEqual([
      '8d7bfa43-7100-0000-0000-000000000000',
      '8d7bfa43-71ff-ffff-ffff-ffffffffffff',
    ]);
  });

  it('is undefined for text that cannot start a run id', () => {
    expect(idPrefixRange('seed-1')).toBeUndefined();
    expect(idPrefixRange('0'.repeat(33))).toBeUndefined();
  });

  it('feeds the search of the database filter', () => {
    expect(toRunFilter({ q: 'abc' }, new PipelineRegistry([])).search).toEqual({
      text: 'abc',
      idRange: ['abc00000-0000-0000-0000-000000000000', 'abcfffff-ffff-ffff-ffff-ffffffffffff'],
    });
  });
});

describe('the state filter', () => {
  const registry = new PipelineRegistry([helloEtl, documentReview]);

  it('stands for the leaves below a compound state, in every registered machine', () => {
    expect(toRunFilter({ state: 'checks' }, registry).state).toEqual({
      path: 'checks',
      leaves: ['checks', 'checks.classifying', 'checks.passed', 'checks.scanning'],
      parallel: false,
    });
  });

  it('is the state itself for a leaf, or for a state no machine knows', () => {
    expect(toRunFilter({ state: 'loading' }, registry).state?.leaves).toEqual(['loading']);
    expect(toRunFilter({ state: 'gone' }, registry).state?.leaves).toEqual(['gone']);
  });
});
