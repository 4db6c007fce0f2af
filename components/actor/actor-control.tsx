'use client';

import { useId, useState } from 'react';
import { DEFAULT_ACTOR, MAX_ACTOR_LENGTH } from './actor-header';
import { useActor, writeActor } from './actor-store';

/**
 * "Acting as …": the name recorded with every action this browser sends, until sign-in exists.
 */
export function ActorControl() {
  const actor = useActor();
  const [editing, setEditing] = useState(false);
  const inputId = useId();

  if (editing) {
    return (
      <form
        className="actor-form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          writeActor(String(data.get('actor') ?? ''));
          setEditing(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      >
        <label className="sidebar-label" htmlFor={inputId}>
          Your name
        </label>
        <input
          id={inputId}
          name="actor"
          className="input"
          defaultValue={actor}
          maxLength={MAX_ACTOR_LENGTH}
          placeholder="e.g. Dana (on call)"
          autoComplete="name"
          // biome-ignore lint/a11y/noAutofocus: the field was opened on purpose by the button that replaced it
          autoFocus
        />
        <div className="row">
          <button type="submit" className="btn btn-small btn-primary">
            Save name
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="actor">
      <span className="sidebar-label">Acting as</span>
      <div className="actor-row">
        <span className="actor-name" title={actor || `${DEFAULT_ACTOR} (no name set)`}>
          {actor || <span className="faint">{DEFAULT_ACTOR}</span>}
        </span>
        <button type="button" className="btn-link" onClick={() => setEditing(true)}>
          {actor ? 'Change name' : 'Set your name'}
        </button>
      </div>
    </div>
  );
}
