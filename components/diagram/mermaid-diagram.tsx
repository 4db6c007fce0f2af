'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useResolvedTheme } from '../theme/theme-preference';

let renders = 0;

/** Mermaid's "base" theme in the console's colours (the highlight classes bring their own). */
const THEME_VARIABLES = {
  light: {
    darkMode: false,
    fontSize: '13px',
    background: '#ffffff',
    primaryColor: '#f3f5f8',
    primaryBorderColor: '#9aa3af',
    primaryTextColor: '#161a1f',
    secondaryColor: '#f7f8fa',
    tertiaryColor: '#f7f8fa',
    lineColor: '#7b8594',
    textColor: '#161a1f',
    edgeLabelBackground: '#ffffff',
    clusterBkg: '#f7f8fa',
    clusterBorder: '#c9ced7',
  },
  dark: {
    darkMode: true,
    fontSize: '13px',
    background: '#15181e',
    primaryColor: '#20252d',
    primaryBorderColor: '#56606e',
    primaryTextColor: '#e4e7ec',
    secondaryColor: '#1b1f26',
    tertiaryColor: '#1b1f26',
    lineColor: '#8b939f',
    textColor: '#e4e7ec',
    edgeLabelBackground: '#15181e',
    clusterBkg: '#1b1f26',
    clusterBorder: '#3a424e',
  },
} as const;

/**
 * Renders Mermaid source in the browser only: Mermaid (large) is imported on first use, never in the
 * server bundle or the first-load JavaScript. Re-renders when the source (highlights, counts) or the
 * theme changes, keeping the previous drawing on screen until the new one is ready.
 */
export function MermaidDiagram({ source, label }: { source: string; label: string }) {
  const canvas = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();
  const baseId = useId().replace(/[^a-zA-Z0-9]/g, '');
  const [status, setStatus] = useState<'loading' | 'rendered' | 'error'>('loading');
  const [renderedSource, setRenderedSource] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { default: mermaid } = await import('mermaid');
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: 'base',
        themeVariables: THEME_VARIABLES[theme],
        fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        state: { useMaxWidth: false },
      });
      renders += 1;
      const { svg } = await mermaid.render(`mermaid-${baseId}-${renders}`, source);
      if (cancelled || !canvas.current) return;
      canvas.current.innerHTML = svg;
      setStatus('rendered');
      setRenderedSource(source);
    })().catch(() => {
      if (!cancelled) setStatus('error');
    });
    return () => {
      cancelled = true;
    };
  }, [source, theme, baseId]);

  return (
    <>
      <div
        className="diagram-canvas"
        data-rendered={status === 'rendered' && renderedSource === source ? 'true' : 'false'}
      >
        {/* Mermaid's SVG goes into this element only: React renders no children into it. */}
        <div ref={canvas} role="img" aria-label={label} />
        {status === 'loading' && <span>Drawing the diagram…</span>}
      </div>
      {status === 'error' && (
        <p className="alert" role="alert">
          The diagram could not be drawn. The Mermaid source is in the pipeline's API answer.
        </p>
      )}
    </>
  );
}
