import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../core/errors';
import { MAX_BODY_BYTES, readJsonBody } from './read-json-body';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/runs', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );

describe('readJsonBody', () => {
  it('parses a JSON body', async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
  });

  it('reads an empty body as an empty object (actions without options)', async () => {
    expect(await readJsonBody(post(null))).toEqual({});
    expect(await readJsonBody(post('  '))).toEqual({});
  });

  it('refuses invalid JSON with INVALID_JSON, without quoting the body', async () => {
    const error = await failure(readJsonBody(post('{"secret": "patient-42"')));
    expect(error).toMatchObject({ code: 'INVALID_JSON', status: 400 });
    expect(JSON.stringify(error?.toJSON())).not.toContain('patient-42');
  });

  it('refuses a body declared larger than 1 MB before reading it', async () => {
    const error = await failure(readJsonBody(post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) })));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
  });

  it('counts the bytes of a body without a length (chunked)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 2) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const error = await failure(readJsonBody(post(stream)));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });
});
