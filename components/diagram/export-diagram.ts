import { type DiagramLayout, renderMermaid } from './render-mermaid';

let exports = 0;

/**
 * A stand-alone SVG of Mermaid source, for a ticket or a wiki: always the light theme on a white
 * background (whatever the console shows), with the size in pixels written out so that viewers
 * and `<img>` draw it at its natural size.
 */
export async function exportSvg(source: string, layout?: DiagramLayout): Promise<string> {
  exports += 1;
  const svg = await renderMermaid(`diagram-export-${exports}`, source, { theme: 'light', layout });
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const [, , width, height] = (root.getAttribute('viewBox') ?? '0 0 0 0').split(/\s+/).map(Number);
  root.setAttribute('width', String(Math.ceil(width ?? 0)));
  root.setAttribute('height', String(Math.ceil(height ?? 0)));
  root.setAttribute('style', 'background-color: #ffffff');
  root.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(root);
}

/** A PNG of an exported SVG at `scale` times its size (2: sharp on high-density screens). */
export async function svgToPng(markup: string, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.ceil(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Saves text or a blob as a file through the browser's download. */
export function downloadFile(name: string, content: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
