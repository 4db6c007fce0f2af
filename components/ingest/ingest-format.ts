/** A share (0..1) as a percentage for people: `20 %`, `3.3 %`, `<0.1 %` (never a misleading `0 %`). */
export function formatPercent(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1 %';
  const percent = Math.round(share * 1000) / 10;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)} %`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB'] as const;

/** A file size: `812 bytes`, `14.3 KiB`, `64 MiB` (binary units, like the server's upload limit). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} ${UNITS[unit]}`;
}

/** Where the quarantined share stands against the review threshold (the machine waits when above). */
export type ShareVerdict = 'above' | 'within';

export const shareVerdict = (share: number, threshold: number): ShareVerdict =>
  share > threshold ? 'above' : 'within';

const SCALES = [0.1, 0.2, 0.5, 1] as const;

/**
 * The end of the share meter's scale: the smallest of 10, 20, 50 or 100 % that leaves room past both
 * the share and the threshold, so that 3 % against 5 % is not two slivers at the left edge.
 */
export function meterScale(share: number, threshold: number): number {
  const needed = Math.max(share, threshold) * 1.25;
  return SCALES.find((scale) => scale >= needed) ?? 1;
}
