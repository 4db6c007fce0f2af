import mermaid from 'mermaid';
import { expect } from 'vitest';

// Test support, not a test: importers must run in a DOM environment (`// @vitest-environment
// happy-dom`), because Mermaid sanitizes every label with DOMPurify, which needs a `window`.

interface ParsedNode {
  id: string;
  parentId?: string;
  label?: string;
  cssClasses?: string;
}

interface ParsedEdge {
  start: string;
  end: string;
  label?: string;
}

export interface ParsedDiagram {
  /** Drawn states by Mermaid id (start/end markers and parallel dividers included). */
  nodes: Map<string, ParsedNode>;
  /** Drawn edges as `from --> to : label`, `[*]` markers spelled with Mermaid's generated ids. */
  edges: string[];
}

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

/**
 * Parses with Mermaid itself: `mermaid.parse` is the check the console relies on and throws on a
 * syntax error; the state database it fills is what the renderer draws, so tests can see how each
 * line was understood rather than only that it was accepted.
 */
export async function parseMermaid(text: string): Promise<ParsedDiagram> {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as { nodes: ParsedNode[]; edges: ParsedEdge[] };
  return {
    nodes: new Map(db.nodes.map((node) => [node.id, node])),
    edges: db.edges.map((e) => `${e.start} --> ${e.end}${e.label ? ` : ${e.label}` : ''}`),
  };
}

/**
 * Parses generated text and checks that Mermaid read it the way it was written: every declared
 * state is drawn with its label, and every transition line became exactly that edge. A lenient
 * lexer can accept a line yet read it as something else (a keyword, a direction statement).
 */
export async function expectFaithfulParse(text: string): Promise<ParsedDiagram> {
  const parsed = await parseMermaid(text);
  const lines = text.split('\n').map((line) => line.trim());
  const transitions = lines.filter((line) => line.includes(' --> ') && !line.includes('[*]'));
  const markers = lines.filter((line) => line.includes('[*]'));
  // A note is drawn as a box of its own, tied to its state by an edge of Mermaid's.
  const notes = lines.filter((line) => line.startsWith('note '));
  for (const line of transitions) {
    // A label of several lines (`a<br>b`, shared self-loops) comes back mangled from the sanitizer here
    // (DOMPurify on happy-dom): only the edge is checked; the browser tests check every drawn line.
    const [edge = '', label = ''] = line.split(' : ');
    if (label.includes('<br>'))
      expect(
        parsed.edges.some((e) => e.startsWith(`${edge} : `)),
        line,
      ).toBe(true);
    else expect(parsed.edges).toContain(line);
  }
  expect(parsed.edges).toHaveLength(transitions.length + markers.length + notes.length);
  for (const line of notes) {
    const [, state, text] = /^note (?:right|left) of (\w+) : (.*)$/.exec(line) ?? [];
    const note = [...parsed.nodes.values()].find((node) => node.id.startsWith(`${state}----note`));
    expect(note?.label, line).toBe(text);
  }
  for (const line of lines) {
    const declared = /^state "([^"]*)" as (\w+)/.exec(line);
    if (declared) expect(parsed.nodes.get(declared[2] ?? '')?.label).toBe(declared[1]);
  }
  return parsed;
}
