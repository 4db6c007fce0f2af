import type { CSSProperties } from 'react';

export function Skeleton({
  width = '100%',
  height = 14,
  style,
}: {
  width?: number | string;
  height?: number;
  style?: CSSProperties;
}) {
  return <span className="skeleton" style={{ width, height, ...style }} aria-hidden="true" />;
}

/** A page-shaped placeholder while the server renders: heading, a row of tiles, a table. */
export function PageSkeleton({
  label,
  tiles = 0,
  rows = 8,
}: {
  label: string;
  tiles?: number;
  rows?: number;
}) {
  return (
    <div className="stack" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading {label}…
      </p>
      <div>
        <Skeleton width={220} height={22} />
        <Skeleton width={360} height={12} style={{ marginTop: 8 }} />
      </div>
      {tiles > 0 && (
        <div className="stat-grid">
          {Array.from({ length: tiles }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders, never reordered
            <div className="stat" key={i}>
              <Skeleton width="60%" height={11} />
              <Skeleton width="40%" height={22} style={{ marginTop: 6 }} />
            </div>
          ))}
        </div>
      )}
      <div className="panel">
        <div className="panel-header">
          <Skeleton width={140} height={14} />
        </div>
        <div className="panel-body stack" style={{ gap: 10 }}>
          {Array.from({ length: rows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders, never reordered
            <Skeleton key={i} height={14} width={`${92 - ((i * 7) % 30)}%`} />
          ))}
        </div>
      </div>
    </div>
  );
}
