import { describe, expect, it } from 'vitest';
import { uploadContentType } from './upload-content-type';

describe('uploadContentType', () => {
  it('keeps a type the server accepts', () => {
    expect(uploadContentType({ name: 'a.csv', type: 'text/csv' })).toBe('text/csv');
    expect(uploadContentType({ name: 'b.json', type: 'application/fhir+json; fhirVersion=4.0' })).toBe(
      'application/fhir+json',
    );
  });

  it('falls back on the extension when the browser reports another type or none', () => {
    expect(uploadContentType({ name: 'results.CSV', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(uploadContentType({ name: 'bundle.json', type: '' })).toBe('application/json');
  });

  it('sends anything else as raw bytes', () => {
    expect(uploadContentType({ name: 'export.txt.gz', type: 'application/gzip' })).toBe(
      'application/octet-stream',
    );
    expect(uploadContentType({ name: 'README', type: '' })).toBe('application/octet-stream');
  });
});
