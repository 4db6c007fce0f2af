'use client';

import type { RunHighlight } from '../../contracts/run-page';
import { DiagramLegend } from '../diagram/diagram-legend';
import { MermaidDiagram } from '../diagram/mermaid-diagram';

const list = (states: readonly string[] | undefined) => (states?.length ? states.join(', ') : 'none');

/** The run's state machine with where it is, where it has been and where it failed, also said in words. */
export function RunDiagram({
  source,
  highlight,
  pipelineId,
}: {
  source: string;
  highlight: RunHighlight;
  pipelineId: string;
}) {
  const summary = `Current: ${list(highlight.current)}. Failed: ${list(highlight.failed)}. Visited: ${list(highlight.visited)}.`;
  return (
    <figure className="diagram">
      <MermaidDiagram source={source} label={`State diagram of ${pipelineId}. ${summary}`} />
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
