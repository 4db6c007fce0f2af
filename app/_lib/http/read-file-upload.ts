import { MAX_UPLOAD_BYTES } from '../../../contracts/console-routes';
import { FILE_MEDIA_TYPES, FileUploadQuerySchema } from '../../../contracts/ingest';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/parse-input';
import { flattenParams } from '../../../core/runs/run-filter';

export interface FileUpload {
  fileName: string;
  idempotencyKey?: string;
  mediaType: (typeof FILE_MEDIA_TYPES)[number];
  /** The body as it arrives (read once); ends with `VALIDATION_FAILED` if it was empty. */
  content: AsyncIterable<Uint8Array>;
}

const mebibytes = (bytes: number) => Math.floor(bytes / 1024 / 1024);
const empty = () =>
  new AppError('VALIDATION_FAILED', 'the file is empty', {
    fields: [{ path: 'body', message: 'the file is empty' }],
  });

async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (value.byteLength > 0) yield value;
    }
  } finally {
    // Stopped early (too large, the database failed): stop receiving the rest of the upload.
    await reader.cancel().catch(() => undefined);
  }
  if (bytes === 0) throw empty();
}

/**
 * A raw file upload (`POST` with the file as the body): the media type (415), `?fileName=` and
 * `?idempotencyKey=` (400), and the declared size (413) are checked before a byte is read. The size
 * of a body without a length is enforced while it is stored (pass `maxBytes` on).
 */
export function readFileUpload(request: Request, maxBytes = MAX_UPLOAD_BYTES): FileUpload {
  const declaredType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const mediaType = FILE_MEDIA_TYPES.find((type) => type === declaredType);
  if (!mediaType) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${declaredType ? `Content-Type ${declaredType} is not accepted` : 'Content-Type is required'}: send the file as the body with one of ${FILE_MEDIA_TYPES.join(', ')}`,
      { accepted: FILE_MEDIA_TYPES },
    );
  }
  const query = parseInput(FileUploadQuerySchema, flattenParams(new URL(request.url).searchParams), 'upload');
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `file is larger than ${mebibytes(maxBytes)} MiB`, { maxBytes });
  }
  if (!request.body || declared === 0) throw empty();
  return { ...query, mediaType, content: bodyChunks(request.body) };
}
