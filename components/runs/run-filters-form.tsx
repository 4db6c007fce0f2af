'use client';

import { useId } from 'react';
import { fromDateTimeLocal, toDateTimeLocal } from './run-search-params';

export interface RunFilterValues {
  pipeline: string;
  state: string;
  createdAfter: string;
  createdBefore: string;
  q: string;
}

/**
 * The runs list's filters (status is chosen with the facets above the table). Applied on submit, so a
 * half-typed search does not query on every keystroke.
 */
export function RunFiltersForm({
  values,
  pipelines,
  onApply,
  onClear,
  canClear,
}: {
  values: RunFilterValues;
  pipelines: readonly { id: string; title: string }[];
  onApply: (values: RunFilterValues) => void;
  onClear: () => void;
  canClear: boolean;
}) {
  const id = useId();
  return (
    <form
      className="filters"
      aria-label="Filter runs"
      // Remount with new defaults when the URL changes (back button, links).
      key={JSON.stringify(values)}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const text = (name: string) => String(data.get(name) ?? '').trim();
        onApply({
          pipeline: text('pipeline'),
          state: text('state'),
          createdAfter: fromDateTimeLocal(text('createdAfter')),
          createdBefore: fromDateTimeLocal(text('createdBefore')),
          q: text('q'),
        });
      }}
    >
      <div className="field wide">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          name="q"
          className="input"
          type="search"
          defaultValue={values.q}
          placeholder="Run id or idempotency key"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pipeline`}>Pipeline</label>
        <select id={`${id}-pipeline`} name="pipeline" className="select" defaultValue={values.pipeline}>
          <option value="">All pipelines</option>
          {pipelines.map((pipeline) => (
            <option key={pipeline.id} value={pipeline.id}>
              {pipeline.id}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>State</label>
        <input
          id={`${id}-state`}
          name="state"
          className="input mono"
          defaultValue={values.state}
          placeholder="e.g. transforming"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-after`}>Created after</label>
        <input
          id={`${id}-after`}
          name="createdAfter"
          className="input"
          type="datetime-local"
          defaultValue={toDateTimeLocal(values.createdAfter || null)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-before`}>Created before</label>
        <input
          id={`${id}-before`}
          name="createdBefore"
          className="input"
          type="datetime-local"
          defaultValue={toDateTimeLocal(values.createdBefore || null)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
        {canClear && (
          <button type="button" className="btn" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
