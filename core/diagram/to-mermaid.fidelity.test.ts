// @vitest-environment happy-dom
// Mermaid's parser sanitizes labels with DOMPurify, which needs a DOM: happy-dom provides one.
import { describe, expect, it } from 'vitest';
import { diagramCorpus } from '../../test-support/diagram-corpus/diagram-corpus';
import { expectFaithfulParse } from '../../test-support/parse-mermaid';
import { diagramStateIds, toMermaid } from './to-mermaid';

const corpus = (name: string) => {
  const found = diagramCorpus.find((entry) => entry.name === name);
  if (!found) throw new Error(`no corpus machine ${name}`);
  return found.machine;
};
const lines = (text: string) => text.split('\n').map((line) => line.trim());

describe('toMermaid fidelity (the cases Mermaid would lose)', () => {
  it('draws edges between a compound state and its own descendants through pseudo-states inside it', async () => {
    const text = toMermaid(corpus('compound to its own descendant and back'));
    const out = lines(text);
    expect(out).toContain('state "any state in steps" as steps__any');
    expect(out).toContain('state "re-enter steps" as steps__enter');
    expect(out).toContain('steps__any --> steps__three : jump');
    expect(out).toContain('steps__any --> steps__two__review : skip');
    expect(out).toContain('steps__two__draft --> steps__enter : restart');
    // Declared inside the compound state's block, after its children.
    expect(text.indexOf('steps__enter')).toBeLessThan(text.indexOf('\n  }\n'));
    const parsed = await expectFaithfulParse(text);
    expect(parsed.nodes.get('steps__any')?.parentId).toBe('steps');
    expect(parsed.nodes.get('steps__enter')?.parentId).toBe('steps');
  });

  it('shares one loop between self-transitions of one state, one label line each', async () => {
    const text = toMermaid(corpus('two self-transitions on one state'));
    expect(lines(text)).toContain('idle --> idle : ping<br>pong<br>refresh (re-enter)');
    expect(lines(text)).toContain('busy --> busy : tick');
    expect(text.match(/idle --> idle/g)).toHaveLength(1);
    await expectFaithfulParse(text);
  });

  it('keeps a history state of a parallel state out of its regions, with a note and its default', async () => {
    const text = toMermaid(corpus('history directly in a parallel state'));
    const out = lines(text);
    const block = text.slice(text.indexOf('state active {'), text.indexOf('\n    --\n'));
    expect(block).toContain('state "remembered (H*)" as active__remembered');
    expect(out).toContain('note right of active__remembered : history of active, drawn in its first region');
    expect(out).toContain('active__remembered --> active__video__shown : default');
    expect(out).toContain('suspended --> active__remembered : resume');
    expect(out.filter((line) => line === '--')).toHaveLength(1);
    const parsed = await expectFaithfulParse(text);
    expect(parsed.nodes.get('active__remembered')).toBeDefined();
  });

  it("draws a history state's default: its target, else its parent's initial state", async () => {
    expect(lines(toMermaid(corpus('shallow history with default target')))).toContain(
      'on__hist --> on__paused : default',
    );
    const deep = toMermaid(corpus('deep history without target'));
    expect(lines(deep)).toContain('state "deep (H*)" as editing__deep');
    expect(lines(deep)).toContain('editing__deep --> editing__text : default');
    await expectFaithfulParse(deep);
  });

  it('ends transitions to the machine itself at a restart pseudo-state', async () => {
    const text = toMermaid(corpus('transition to the machine itself'));
    const out = lines(text);
    expect(out).toContain('state "restart kiosk" as restart');
    expect(out).toContain('any_state --> restart : reboot');
    expect(out).toContain('menu__item --> restart : home');
    await expectFaithfulParse(text);
  });

  it('labels guards with parameters, helpers and stateIn', async () => {
    const out = lines(toMermaid(corpus('guards with params, helpers and stateIn')));
    expect(out).toContain('door__closed --> door__opened : open [in lock.unlocked]');
    expect(out).toContain('door__closed --> door__alarm : open [greaterThan(3)]');
    expect(out).toContain('door__opened --> door__closed : close [not isBig]');
    expect(out).toContain('door__alarm --> door__closed : silence [guard]');
    const eventless = lines(toMermaid(corpus('eventless with guards')));
    expect(eventless).toContain('deciding --> big : always [greaterThan(10)]');
    expect(eventless).toContain('deciding --> small : always [isSmall and (isBig or not ready)]');
  });

  it('draws a multi-target transition as one edge per target', () => {
    const out = lines(toMermaid(corpus('multi-target into parallel regions')));
    expect(out).toContain('idle --> busy__a__running : both');
    expect(out).toContain('idle --> busy__b__running : both');
  });

  it('gives every corpus machine a faithful parse and an id for every state', async () => {
    expect(diagramCorpus.length).toBeGreaterThanOrEqual(25);
    for (const { name, machine } of diagramCorpus) {
      const text = toMermaid(machine);
      const parsed = await expectFaithfulParse(text);
      for (const id of Object.values(diagramStateIds(machine)))
        expect(parsed.nodes.has(id), `${name}: ${id}`).toBe(true);
    }
  });
});
