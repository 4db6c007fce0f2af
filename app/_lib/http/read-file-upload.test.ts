import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../../contracts/console-routes';
import type { AppError } from '../../../core/errors';
import { readFileUpload } from './read-file-upload';

const upload = (query: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(`http://localhost/api/pipelines/lab-results-csv/files${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv', ...headers },
    duplex: 'half',
  } as RequestInit);

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
};

async function readAll(content: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('readFileUpload', () => {
  it('reads the file name, the key and the body as it arrives', async () => {
    const file = readFileUpload(
      upload('?fileName=north%20clinic.csv&idempotencyKey=batch-7', 'patient_id\nP-1\n', {
        'content-type': 'text/csv; charset=utf-8',
      }),
    );
    expect(file).toMatchObject({
      fileName: 'north clinic.csv',
      idempotencyKey: 'batch-7',
      mediaType: 'text/csv',
    });
    expect(await readAll(file.content)).toBe('patient_id\nP-1\n');
  });

  it('accepts JSON, FHIR JSON, plain text and raw bytes', () => {
    for (const type of [
      'application/json',
      'Application/FHIR+JSON',
      'text/plain',
      'application/octet-stream',
    ]) {
      expect(readFileUpload(upload('?fileName=b.json', '{}', { 'content-type': type })).mediaType).toBe(
        type.toLowerCase(),
      );
    }
  });

  it('refuses a missing or foreign media type with 415, naming the accepted ones', () => {
    // Bytes get no Content-Type from fetch (a string would get text/plain).
    const missing = refusal(() =>
      readFileUpload(
        new Request('http://localhost/x?fileName=a.csv', { method: 'POST', body: new Uint8Array([97]) }),
      ),
    );
    expect(missing).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/^Content-Type is required/),
    });
    const form = refusal(() =>
      readFileUpload(
        upload('?fileName=a.csv', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      ),
    );
    expect(form).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
    expect(form.message).toContain('text/csv');
  });

  it('requires a file name without control characters (400)', () => {
    expect(refusal(() => readFileUpload(upload('', 'a')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ path: 'fileName' }] },
    });
    expect(refusal(() => readFileUpload(upload('?fileName=a%0Ab.csv', 'a'))).status).toBe(400);
  });

  it('refuses a body declared larger than the limit (413) before reading it', () => {
    const error = refusal(() =>
      readFileUpload(upload('?fileName=a.csv', 'a', { 'content-length': String(MAX_UPLOAD_BYTES + 1) })),
    );
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(error.message).toBe('file is larger than 64 MiB');
  });

  it('refuses an empty file: at once when declared, at the end of the stream otherwise', async () => {
    expect(refusal(() => readFileUpload(upload('?fileName=a.csv', null))).message).toBe('the file is empty');
    const chunked = readFileUpload(
      upload('?fileName=a.csv', new ReadableStream({ start: (controller) => controller.close() })),
    );
    await expect(readAll(chunked.content)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
