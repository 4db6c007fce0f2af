import { AppError } from '../../../core/errors';

/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${MAX_BODY_BYTES} bytes`, {
    maxBytes: MAX_BODY_BYTES,
  });

/**
 * Reads a JSON body of at most 1 MB: refused early by Content-Length, and counted while reading (a
 * chunked body has no length). An empty body reads as `{}` (actions without options). Invalid JSON is
 * `INVALID_JSON` (400), without quoting the body.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return {};
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_JSON', 'request body is not valid JSON');
  }
}
