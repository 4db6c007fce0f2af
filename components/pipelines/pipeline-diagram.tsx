'use client';

import { useState } from 'react';
import { DiagramLegend } from '../diagram/diagram-legend';
import { MermaidDiagram } from '../diagram/mermaid-diagram';

/** The pipeline's machine with the number of runs in each state; all runs or only active ones. */
export function PipelineDiagram({
  pipelineId,
  diagrams,
}: {
  pipelineId: string;
  diagrams: { all: string; active: string };
}) {
  const [scope, setScope] = useState<'all' | 'active'>('active');
  return (
    <figure className="diagram">
      <div className="button-row" style={{ justifyContent: 'space-between' }}>
        <fieldset className="segmented">
          <legend className="visually-hidden">Runs counted on the diagram</legend>
          <button type="button" aria-pressed={scope === 'active'} onClick={() => setScope('active')}>
            Active runs
          </button>
          <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
            All runs
          </button>
        </fieldset>
        <DiagramLegend kinds={scope === 'all' ? ['current', 'failed'] : ['current']} />
      </div>
      <MermaidDiagram
        source={diagrams[scope]}
        label={`State diagram of ${pipelineId} with the number of ${scope === 'active' ? 'active ' : ''}runs in each state`}
      />
      <figcaption className="faint">
        (n) = {scope === 'active' ? 'running or waiting runs' : 'runs'} in that state now; blue = states with
        active runs{scope === 'all' ? ', red = states holding failed runs' : ''}.
      </figcaption>
    </figure>
  );
}
