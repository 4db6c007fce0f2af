import type { AnyStateMachine } from 'xstate';

/** One machine of the diagram fidelity corpus: drawn by Mermaid in Chromium and checked from its SVG. */
export interface CorpusMachine {
  /** Unique, readable: it names the test. */
  name: string;
  machine: AnyStateMachine;
}
