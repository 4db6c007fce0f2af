/** Failures per hour as small bars (oldest first); the numbers are in the label for screen readers. */
export function Sparkline({ counts, hours }: { counts: readonly number[]; hours: number }) {
  const max = Math.max(1, ...counts);
  const width = counts.length * 4;
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <svg
      className="sparkline"
      width={width}
      height={20}
      viewBox={`0 0 ${width} 20`}
      role="img"
      aria-label={`${total} failures in the last ${hours} hours`}
    >
      <title>{`${total} failures in the last ${hours} h (one bar per hour, newest on the right)`}</title>
      {counts.map((count, i) => {
        const h = count === 0 ? 1 : Math.max(2, Math.round((count / max) * 20));
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: one bar per hour, in a fixed order
            key={i}
            x={i * 4}
            y={20 - h}
            width={3}
            height={h}
            fill="currentColor"
            opacity={count === 0 ? 0.25 : 1}
          />
        );
      })}
    </svg>
  );
}
