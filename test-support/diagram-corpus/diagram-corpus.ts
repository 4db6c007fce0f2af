import { allPipelines } from '../../pipelines/all-pipelines';
import type { CorpusMachine } from './corpus-machine';
import { nameAndSizeMachines } from './corpus-names-and-size';
import { shapeMachines } from './corpus-shapes';
import { transitionMachines } from './corpus-transitions';

/**
 * The diagram fidelity corpus: machines of every shape `toMermaid` has to draw, written for it, plus
 * the project's own pipelines. The browser test draws each one and checks the SVG; the layout
 * comparison and the benchmark use it too.
 */
export const diagramCorpus: readonly CorpusMachine[] = [
  ...shapeMachines,
  ...transitionMachines,
  ...nameAndSizeMachines,
  ...allPipelines.map((pipeline) => ({ name: `pipeline ${pipeline.id}`, machine: pipeline.machine })),
];
