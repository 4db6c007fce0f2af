'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { downloadFile, exportSvg, svgToPng } from './export-diagram';

/**
 * Copy the diagram as Mermaid text, or download it as SVG or PNG (light theme, white background), for
 * an incident ticket. `source` is the full text, highlights included.
 */
export function DiagramExport({ source, fileName }: { source: string; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      toast.success(await work());
    } catch (error) {
      toast.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() =>
          run(async () => {
            await navigator.clipboard.writeText(source);
            return 'Mermaid text copied';
          })
        }
      >
        Copy Mermaid
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() =>
          run(async () => {
            downloadFile(`${fileName}.svg`, await exportSvg(source), 'image/svg+xml');
            return `${fileName}.svg downloaded`;
          })
        }
      >
        Download SVG
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() =>
          run(async () => {
            downloadFile(`${fileName}.png`, await svgToPng(await exportSvg(source)));
            return `${fileName}.png downloaded`;
          })
        }
      >
        Download PNG
      </button>
    </>
  );
}
