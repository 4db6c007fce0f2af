/** What the upload route accepts (see `FILE_MEDIA_TYPES` on the server). */
const ACCEPTED = new Set([
  'text/csv',
  'application/json',
  'application/fhir+json',
  'text/plain',
  'application/octet-stream',
]);

const BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
};

/**
 * The Content-Type to upload a file with. Browsers report what the operating system thinks: a CSV
 * is `application/vnd.ms-excel` where Excel is installed, and often nothing at all. The extension
 * decides then, and anything else goes as raw bytes (the pipeline reads the content either way).
 */
export function uploadContentType(file: { name: string; type: string }): string {
  const declared = file.type.split(';')[0]!.trim().toLowerCase();
  if (ACCEPTED.has(declared)) return declared;
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
