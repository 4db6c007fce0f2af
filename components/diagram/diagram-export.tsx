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
  const exports: [label: string, work: () => Promise<string>][] = [
    [
      'Copy Mermaid',
      async () => {
        await navigator.clipboard.writeText(source);
        return 'Mermaid text copied';
      },
    ],
    [
      'Download SVG',
      async () => {
        downloadFile(`${fileName}.svg`, await exportSvg(source), 'image/svg+xml');
        return `${fileName}.svg downloaded`;
      },
    ],
    [
      'Download PNG',
      async () => {
        downloadFile(`${fileName}.png`, await svgToPng(await exportSvg(source)));
        return `${fileName}.png downloaded`;
      },
    ],
  ];
  return (
    <>
      {exports.map(([label, work]) => (
        <button key={label} type="button" className="btn btn-small" disabled={busy} onClick={() => run(work)}>
          {label}
        </button>
      ))}
    </>
  );
}
