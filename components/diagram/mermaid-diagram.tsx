'use client';

import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { DiagramHighlight } from '../../core/diagram/highlight-classes';
import { useResolvedTheme } from '../theme/theme-preference';
import { PanZoom, type View } from './pan-zoom';
import { keepDrawingsAcrossPageLoads, renderMermaid } from './render-mermaid';
import { applyHighlight, stateBoxes } from './svg-highlight';

let renders = 0;

/** Below this scale a fitted diagram is too small to read: the view starts on the current state. */
const READABLE_SCALE = 0.55;

export interface MermaidDiagramProps {
  /** Mermaid text to lay out; it changes only when the drawing must change (not for highlights). */
  source: string;
  label: string;
  /** State path → Mermaid id (`diagramStateIds`), to mark and find states on the drawing. */
  ids?: Readonly<Record<string, string>>;
  /** Marked by toggling classes on the drawn SVG: no new layout. */
  highlight?: DiagramHighlight;
  /** Entries per state, drawn as `×n` badges (replay). */
  visits?: Readonly<Record<string, number>>;
  /** Buttons added to the toolbar (export). */
  actions?: ReactNode;
}

/**
 * Draws Mermaid source in the browser only (Mermaid is imported on first use, never in the server
 * bundle), in a viewport with pan and zoom: wheel, drag, keyboard, "Fit" and "Current state".
 * Highlights are applied to the drawn SVG, so a live run's diagram never re-lays out or jumps.
 */
export function MermaidDiagram({ source, label, ids, highlight, visits, actions }: MermaidDiagramProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const panZoom = useRef<PanZoom | null>(null);
  const size = useRef({ width: 0, height: 0 });
  const theme = useResolvedTheme();
  const baseId = useId().replace(/[^a-zA-Z0-9]/g, '');
  const [status, setStatus] = useState<'loading' | 'rendered' | 'error'>('loading');
  const [renderedSource, setRenderedSource] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(0);
  const [view, setView] = useState<View>({ x: 0, y: 0, scale: 1 });
  const latest = useRef({ ids, highlight });
  latest.current = { ids, highlight };

  const focusCurrent = useCallback(() => {
    const svg = content.current?.querySelector('svg');
    const zoom = panZoom.current;
    const paths = latest.current.highlight?.current ?? [];
    if (!svg || !zoom || paths.length === 0) return false;
    const boxes = stateBoxes(svg);
    const rects = paths.flatMap((path) => {
      const box = boxes.get(latest.current.ids?.[path] ?? '');
      return box ? [box.getBoundingClientRect()] : [];
    });
    if (rects.length === 0) return false;
    const origin = svg.getBoundingClientRect();
    const { scale } = zoom.current();
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    zoom.centre({
      x: (left - origin.left) / scale,
      y: (top - origin.top) / scale,
      width: (right - left) / scale,
      height: (bottom - top) / scale,
    });
    return true;
  }, []);

  useEffect(() => {
    if (!viewport.current || !content.current) return;
    const zoom = new PanZoom(viewport.current, content.current, () => size.current, setView, focusCurrent);
    panZoom.current = zoom;
    return () => zoom.destroy();
  }, [focusCurrent]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      renders += 1;
      keepDrawingsAcrossPageLoads();
      const svg = await renderMermaid(`mermaid-${baseId}-${renders}`, source, { theme });
      if (cancelled || !content.current) return;
      const first = size.current.width === 0;
      content.current.innerHTML = svg;
      const element = content.current.querySelector('svg');
      const [, , width = 0, height = 0] = (element?.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
      size.current = { width, height };
      element?.setAttribute('width', String(width));
      element?.setAttribute('height', String(height));
      element?.setAttribute('aria-hidden', 'true');
      // Set before fitting (not through React state, which would apply it after the fit).
      if (viewport.current)
        viewport.current.style.height = `${Math.round(Math.min(Math.max(height + 24, 220), 640))}px`;
      setStatus('rendered');
      setRenderedSource(source);
      setDrawing((n) => n + 1);
      if (first) requestAnimationFrame(() => initialView(panZoom.current, focusCurrent));
    })().catch(() => {
      if (!cancelled) setStatus('error');
    });
    return () => {
      cancelled = true;
    };
  }, [source, theme, baseId, focusCurrent]);

  useEffect(() => {
    const svg = content.current?.querySelector('svg');
    if (!svg || drawing === 0 || !ids) return;
    applyHighlight(stateBoxes(svg), ids, highlight ?? {}, visits);
  }, [drawing, ids, highlight, visits]);

  const hasCurrent = Boolean(ids && highlight?.current?.length);
  return (
    <>
      <div className="diagram-toolbar" role="toolbar" aria-label="Diagram view">
        <button
          type="button"
          className="btn btn-small"
          aria-label="Zoom out"
          onClick={() => panZoom.current?.zoomBy(0.8)}
        >
          −
        </button>
        <output className="diagram-zoom" aria-label="Zoom level">
          {Math.round(view.scale * 100)} %
        </output>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Zoom in"
          onClick={() => panZoom.current?.zoomBy(1.25)}
        >
          +
        </button>
        <button type="button" className="btn btn-small" onClick={() => panZoom.current?.fit()}>
          Fit
        </button>
        {hasCurrent && (
          <button type="button" className="btn btn-small" onClick={focusCurrent}>
            Current state
          </button>
        )}
        <span className="diagram-toolbar-spacer" />
        {actions}
      </div>
      <div
        ref={viewport}
        className="diagram-canvas"
        data-rendered={status === 'rendered' && renderedSource === source ? 'true' : 'false'}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the viewport takes the pan and zoom keys itself.
        tabIndex={0}
        role="application"
        aria-label="Diagram viewport: drag to pan, wheel or + and − to zoom, 0 to fit, f for the current state"
      >
        <div role="img" aria-label={label} className="diagram-content">
          {/* Mermaid's SVG goes into this element only: React renders no children into it. */}
          <div ref={content} />
        </div>
        {status === 'loading' && <span className="diagram-loading">Drawing the diagram…</span>}
      </div>
      {status === 'error' && (
        <p className="alert" role="alert">
          The diagram could not be drawn. The Mermaid source is in the pipeline's API answer.
        </p>
      )}
    </>
  );
}

/** Fit when the whole diagram stays readable, else start on the current state at full size. */
function initialView(zoom: PanZoom | null, focusCurrent: () => boolean): void {
  if (!zoom) return;
  zoom.fit();
  if (zoom.current().scale < READABLE_SCALE) focusCurrent();
}
