'use client';

import { useEffect } from 'react';
import type { ReplayStep } from '../../core/diagram/run-replay';

const PLAY_INTERVAL_MS = 900;

const ordinal = (n: number) => (n === 1 ? '' : ` (${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} time)`);

/**
 * Steps through a run's transitions on its diagram: `at` is the step shown (null: live). Play
 * advances one step every 0.9 s and stops at the last one.
 */
export function DiagramReplay({
  steps,
  at,
  playing,
  onChange,
  onPlayingChange,
}: {
  steps: readonly ReplayStep[];
  at: number | null;
  playing: boolean;
  onChange: (at: number | null) => void;
  onPlayingChange: (playing: boolean) => void;
}) {
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = (at ?? -1) + 1;
      if (next >= steps.length) onPlayingChange(false);
      else onChange(next);
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, at, steps.length, onChange, onPlayingChange]);

  if (steps.length === 0) return null;
  const step = at === null ? null : steps[at];
  const go = (index: number) => {
    onPlayingChange(false);
    onChange(Math.min(Math.max(index, 0), steps.length - 1));
  };
  return (
    <fieldset className="diagram-replay">
      <legend className="visually-hidden">Replay the run's transitions</legend>
      {at === null ? (
        <button type="button" className="btn btn-small" onClick={() => go(0)}>
          Replay
        </button>
      ) : (
        <>
          <button
            type="button"
            className="btn btn-small"
            aria-label="Previous step"
            onClick={() => go(at - 1)}
            disabled={at === 0}
          >
            ◀
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              if (!playing && at >= steps.length - 1) onChange(0);
              onPlayingChange(!playing);
            }}
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-label="Next step"
            onClick={() => go(at + 1)}
            disabled={at >= steps.length - 1}
          >
            ▶
          </button>
          <input
            type="range"
            min={1}
            max={steps.length}
            value={at + 1}
            aria-label="Replay step"
            onChange={(event) => go(Number(event.target.value) - 1)}
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              onPlayingChange(false);
              onChange(null);
            }}
          >
            Live
          </button>
        </>
      )}
      <output aria-live="polite" className="muted">
        {step
          ? `Step ${step.number} of ${steps.length}: ${step.transition.event} → entered ${step.entered
              .map((state) => `${state}${ordinal(step.visits[state] ?? 1)}`)
              .join(', ')}`
          : `${steps.length} transitions recorded`}
      </output>
    </fieldset>
  );
}
