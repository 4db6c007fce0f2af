/** What the highlight colours on a diagram mean (also said in words next to the diagram). */
export function DiagramLegend({ kinds }: { kinds: readonly ('current' | 'visited' | 'failed')[] }) {
  const text = { current: 'current', visited: 'visited', failed: 'failed' } as const;
  return (
    <ul className="legend" aria-label="Legend">
      {kinds.map((kind) => (
        <li className="legend-item" key={kind} style={{ listStyle: 'none' }}>
          <span className={`swatch swatch-${kind}`} aria-hidden="true" />
          {text[kind]}
        </li>
      ))}
    </ul>
  );
}
