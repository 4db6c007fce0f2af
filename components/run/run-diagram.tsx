'use client';

import { useMemo, useState } from 'react';
import type { RunHighlight } from '../../contracts/run-page';
import { layoutSource } from '../../core/diagram/highlight-classes';
import { type ReplayTransition, replaySteps } from '../../core/diagram/run-replay';
import { DiagramExport } from '../diagram/diagram-export';
import { DiagramLegend } from '../diagram/diagram-legend';
import { DiagramReplay } from '../diagram/diagram-replay';
import { MermaidDiagram } from '../diagram/mermaid-diagram';

const list = (states: readonly string[] | undefined) => (states?.length ? states.join(', ') : 'none');

/**
 * The run's state machine with where it is, where it has been and where it failed, also said in
 * words. The drawing is laid out once; live changes and the replay of the run's transitions only
 * toggle classes on it. Export copies or downloads the highlighted diagram.
 */
export function RunDiagram({
  source,
  ids,
  highlight,
  pipelineId,
  runId,
  transitions,
}: {
  /** `toMermaid` text with the run's highlights. */
  source: string;
  /** State path → Mermaid id; without it the highlighted text is drawn as it is. */
  ids: Readonly<Record<string, string>> | null;
  highlight: RunHighlight;
  pipelineId: string;
  runId: string;
  transitions: readonly ReplayTransition[];
}) {
  const drawn = useMemo(() => (ids ? layoutSource(source) : source), [ids, source]);
  const steps = useMemo(() => replaySteps(transitions), [transitions]);
  const [at, setAt] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const step = at === null ? undefined : steps[at];
  const shown = step?.highlight ?? highlight;
  const summary = step
    ? `Replay step ${step.number} of ${steps.length}. Current: ${list(shown.current)}.`
    : `Current: ${list(highlight.current)}. Failed: ${list(highlight.failed)}. Visited: ${list(highlight.visited)}.`;
  return (
    <figure className="diagram">
      <MermaidDiagram
        source={drawn}
        ids={ids ?? undefined}
        highlight={shown}
        visits={step?.visits}
        label={`State diagram of ${pipelineId}. ${summary}`}
        actions={<DiagramExport source={source} fileName={`run-${runId.slice(0, 8)}`} />}
      />
      {ids && (
        <DiagramReplay
          steps={steps}
          at={at}
          playing={playing}
          onChange={setAt}
          onPlayingChange={setPlaying}
        />
      )}
      <figcaption className="legend" style={{ justifyContent: 'space-between' }}>
        <span>
          Current: <strong className="state">{list(highlight.current)}</strong>
          {highlight.failed?.length ? (
            <>
              {' · '}Failed: <strong className="state error-text">{list(highlight.failed)}</strong>
            </>
          ) : null}
        </span>
        <DiagramLegend kinds={['current', 'visited', 'failed']} />
      </figcaption>
    </figure>
  );
}
