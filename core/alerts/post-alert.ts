import { SIGNATURE_HEADER, signAlert } from './sign-alert';

export interface PostAlertRequest {
  url: string;
  body: string;
  secret: string;
  deliveryId: number;
  kind: string;
  timeoutMs: number;
}

/** How one attempt went: delivered on a 2xx, else why not (never the receiver's response body). */
export type PostAlertResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string };

/** A transport failure in a few words: `connection refused`, `timed out after 10 s`, … */
function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs / 1000} s`;
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code) return `network error (${code})`;
  return `network error (${e.cause?.message ?? e.message ?? 'unknown'})`;
}

/**
 * POSTs one signed alert with a timeout. Redirects are not followed (a 3xx is a failure: the URL
 * should be the final one), and the receiver's answer is read only for its status.
 */
export async function postAlert(request: PostAlertRequest): Promise<PostAlertResult> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Signalbox-Alerts/1',
        [SIGNATURE_HEADER]: signAlert(request.secret, request.body),
        'Signalbox-Event': request.kind,
        // Deliveries are at least once: a receiver drops one it has seen by this id.
        'Signalbox-Delivery': String(request.deliveryId),
      },
      body: request.body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, request.timeoutMs) };
  }
}
