'use client';

import { type FormEvent, useId, useState } from 'react';
import {
  ALERT_EVENT_LABELS,
  ALERT_EVENTS,
  type AlertEvent,
  type CreateWebhookRequest,
  type WebhookSummary,
} from '../../contracts/alerts';
import { ApiError } from '../api/api-error';

export interface PipelineOption {
  id: string;
  title: string;
}

const EVENT_HINTS: Record<AlertEvent, string> = {
  problem_opened: 'a new kind of failure',
  problem_reopened: 'a resolved problem fails again',
  run_failed: 'every failed run',
  run_stuck: 'a running run with no transition for longer than the threshold',
  run_waiting: 'a run waiting for an event for longer than the threshold',
  no_live_worker: 'no worker heartbeat for a minute (watched by the console)',
};

/** The form's values as the API takes them; `url` empty on edit means "keep the current one". */
function readForm(data: FormData): CreateWebhookRequest {
  const number = (name: string) => Number(data.get(name));
  return {
    name: String(data.get('name') ?? ''),
    url: String(data.get('url') ?? ''),
    format: data.get('format') === 'slack' ? 'slack' : 'generic',
    events: ALERT_EVENTS.filter((e) => data.getAll('events').includes(e)),
    pipelineIds: data.getAll('pipelineIds').map(String),
    stuckAfterMinutes: number('stuckAfterMinutes'),
    waitingAfterMinutes: number('waitingAfterMinutes'),
    enabled: data.get('enabled') === 'on',
  };
}

/**
 * Create or edit a webhook. The browser checks what it can (required, an http(s) URL, numbers); the
 * server's field errors are shown beside their fields, and its message above the buttons.
 */
export function WebhookForm({
  webhook,
  pipelines,
  pending,
  onSubmit,
  onCancel,
}: {
  /** The webhook being edited; a new one when absent. */
  webhook?: WebhookSummary;
  pipelines: PipelineOption[];
  pending: boolean;
  /** Saves; throws an ApiError to show. */
  onSubmit: (request: CreateWebhookRequest) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const editing = webhook !== undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const request = readForm(new FormData(form));
    const local: Record<string, string> = {};
    if (request.events.length === 0) local.events = 'choose at least one alert';
    setFields(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    try {
      await onSubmit(request);
      if (!editing) form.reset();
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.fields : [];
      setFields(Object.fromEntries(fieldErrors.map((f) => [f.path.split('.')[0] ?? f.path, f.message])));
      setError((e as Error).message);
    }
  }

  const fieldError = (name: string) =>
    fields[name] ? (
      <span className="field-error" id={`${id}-${name}-error`}>
        {fields[name]}
      </span>
    ) : null;
  const invalid = (name: string) =>
    fields[name] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {};

  return (
    <form
      className="form-stack"
      onSubmit={submit}
      aria-label={editing ? `Edit ${webhook.name}` : 'New webhook'}
    >
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="name"
            className="input"
            required
            maxLength={100}
            defaultValue={webhook?.name}
            placeholder="e.g. on-call Slack"
            {...invalid('name')}
          />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-url`}>URL</label>
          <input
            id={`${id}-url`}
            name="url"
            type="url"
            className="input mono"
            required={!editing}
            maxLength={2000}
            pattern="https?://.+"
            title="an http:// or https:// URL"
            placeholder={
              editing ? `${webhook.urlHint} (unchanged; enter a new URL to replace it)` : 'https://…'
            }
            {...invalid('url')}
          />
          <span className="hint">
            http:// or https://; kept secret after saving (a Slack URL is a credential)
          </span>
          {fieldError('url')}
        </div>
      </div>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-format`}>Body</label>
          <select
            id={`${id}-format`}
            name="format"
            className="select"
            defaultValue={webhook?.format ?? 'generic'}
          >
            <option value="generic">Generic JSON</option>
            <option value="slack">Slack (incoming webhook)</option>
          </select>
        </div>
        <div className="field">
          <span className="label">Status</span>
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked={webhook?.enabled ?? true} /> Enabled
          </label>
        </div>
      </div>
      <fieldset className="field" aria-describedby={fields.events ? `${id}-events-error` : undefined}>
        <legend className="label">Alerts</legend>
        {ALERT_EVENTS.map((event) => (
          <label key={event} className="checkbox">
            <input
              type="checkbox"
              name="events"
              value={event}
              defaultChecked={webhook ? webhook.events.includes(event) : event === 'problem_opened'}
            />
            {ALERT_EVENT_LABELS[event]} <span className="faint">— {EVENT_HINTS[event]}</span>
          </label>
        ))}
        {fieldError('events')}
      </fieldset>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-stuck`}>Stuck after (minutes)</label>
          <input
            id={`${id}-stuck`}
            name="stuckAfterMinutes"
            type="number"
            className="input"
            required
            min={1}
            max={10_080}
            step={1}
            defaultValue={webhook?.stuckAfterMinutes ?? 30}
            {...invalid('stuckAfterMinutes')}
          />
          {fieldError('stuckAfterMinutes')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-waiting`}>Waiting longer than (minutes)</label>
          <input
            id={`${id}-waiting`}
            name="waitingAfterMinutes"
            type="number"
            className="input"
            required
            min={1}
            max={43_200}
            step={1}
            defaultValue={webhook?.waitingAfterMinutes ?? 1440}
            {...invalid('waitingAfterMinutes')}
          />
          {fieldError('waitingAfterMinutes')}
        </div>
      </div>
      <fieldset className="field">
        <legend className="label">Pipelines</legend>
        <span className="hint">None checked: every pipeline.</span>
        <div className="button-row">
          {pipelines.map((p) => (
            <label key={p.id} className="checkbox">
              <input
                type="checkbox"
                name="pipelineIds"
                value={p.id}
                defaultChecked={webhook?.pipelineIds.includes(p.id) ?? false}
              />
              {p.title}
            </label>
          ))}
        </div>
        {fieldError('pipelineIds')}
      </fieldset>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {editing ? 'Save changes' : 'Create webhook'}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
