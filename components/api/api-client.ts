import { ApiError } from './api-error';

/** A JSON value, or raw bytes sent as they are (a file upload). */
type RequestBody = { json: unknown } | { raw: Blob; contentType: string };

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: RequestBody,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body) headers['content-type'] = 'raw' in body ? body.contentType : 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : 'raw' in body ? body.raw : JSON.stringify(body.json),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The console server cannot be reached. Is it running?');
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}`,
      error?.details,
    );
  }
  return data as T;
}

/** GET a JSON API path; errors arrive as `ApiError`. */
export const apiGet = <T>(path: string): Promise<T> => request<T>('GET', path);

/** POST JSON as the signed-in person (the session cookie goes along); errors arrive as `ApiError`. */
export const apiPost = <T>(path: string, body: unknown): Promise<T> =>
  request<T>('POST', path, { json: body });

/** POST a file as the raw body (streamed by the browser, not read into memory first). */
export const apiUpload = <T>(path: string, file: Blob, contentType: string): Promise<T> =>
  request<T>('POST', path, { raw: file, contentType });

/** PATCH JSON; errors arrive as `ApiError`. */
export const apiPatch = <T>(path: string, body: unknown): Promise<T> =>
  request<T>('PATCH', path, { json: body });

/** DELETE (sent as JSON, as every mutation must be); errors arrive as `ApiError`. */
export const apiDelete = <T>(path: string): Promise<T> => request<T>('DELETE', path, { json: {} });
