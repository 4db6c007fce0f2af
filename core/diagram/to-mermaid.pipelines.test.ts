// @vitest-environment happy-dom
// Mermaid's parser sanitizes labels with DOMPurify, which needs a DOM: happy-dom provides one.
import { describe, expect, it } from 'vitest';
import { documentReview } from '../../pipelines/document-review/document-review.pipeline';
import { helloEtl } from '../../pipelines/hello-etl/hello-etl.pipeline';
import { expectFaithfulParse, parseMermaid } from '../../test-support/parse-mermaid';
import { toMermaid } from './to-mermaid';

const lines = (text: string) => text.split('\n').map((line) => line.trim());

describe('toMermaid on the example pipelines', () => {
  it('draws hello-etl as a line of steps ending in done or failed', async () => {
    const text = toMermaid(helloEtl.machine);
    const out = lines(text);
    expect(out.slice(0, 4)).toEqual([
      'stateDiagram-v2',
      '[*] --> extracting',
      'state "extracting / extract" as extracting',
      'state "transforming / transform" as transforming',
    ]);
    expect(out).toContain('extracting --> transforming : extract done');
    expect(out).toContain('transforming --> failed : transform failed');
    expect(out).toContain('loading --> done : load done');
    expect(out).toContain('failed --> [*]');
    await expectFaithfulParse(text);

    const running = toMermaid(helloEtl.machine, {
      current: ['transforming'],
      visited: ['extracting'],
      counts: { transforming: 2 },
    });
    expect(lines(running)).toContain('state "transforming / transform (2)" as transforming');
    expect(lines(running)).toContain('class transforming current');
    await expectFaithfulParse(running);
  });

  it('draws document-review with its checks block, onDone, guard and cancel from any state', async () => {
    const text = toMermaid(documentReview.machine);
    const out = lines(text);
    expect(out).toContain('state checks {');
    expect(out).toContain('[*] --> checks__scanning');
    expect(out).toContain('state "scanning / scan" as checks__scanning');
    expect(out).toContain('checks__passed --> [*]');
    expect(out).toContain('checks --> awaiting_approval : done');
    expect(out).toContain('checks__scanning --> checks__classifying : scan done [isClean]');
    expect(out).toContain('checks__scanning --> failed : scan done');
    expect(out).toContain('state "any state" as any_state');
    expect(out).toContain('any_state --> cancelled : cancel');
    const parsed = await expectFaithfulParse(text);
    // Edges are written at the top level so that targets outside `checks` stay outside it.
    expect(parsed.nodes.get('checks__scanning')?.parentId).toBe('checks');
    expect(parsed.nodes.get('failed')?.parentId).toBeUndefined();
  });

  it('highlights a failed document-review run', async () => {
    const text = toMermaid(documentReview.machine, {
      current: ['failed'],
      visited: ['intake', 'checks', 'checks.scanning'],
      failed: ['checks.scanning', 'failed'],
      counts: { 'checks.scanning': 1, checks: 1 },
    });
    const out = lines(text);
    expect(out).toContain('state "checks (1)" as checks {');
    expect(out.filter((line) => line.startsWith('class '))).toEqual([
      'class intake visited',
      'class checks__scanning failed',
      'class failed failed',
    ]);
    await expectFaithfulParse(text);
  });

  it('is deterministic', () => {
    const highlight = { current: ['checks.classifying'], counts: { 'checks.classifying': 4 } };
    expect(toMermaid(documentReview.machine, highlight)).toBe(toMermaid(documentReview.machine, highlight));
  });

  it('rejects broken diagrams (negative control for the parser)', async () => {
    const valid = toMermaid(documentReview.machine);
    const unclosed = valid.replace(/\n {2}\}\n/, '\n');
    expect(unclosed).not.toBe(valid);
    await expect(parseMermaid(unclosed)).rejects.toThrow(/Parse error|Expecting/);
    await expect(parseMermaid('stateDiagram-v2\n  intake --> : done\n')).rejects.toThrow();
  });
});
