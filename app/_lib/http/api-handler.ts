import 'server-only';
import type { NextRequest } from 'next/server';
import { errorResponse } from './error-response';
import { withRequestId } from './request-context';
import { requestIdOf } from './request-id';

/**
 * Wraps a route handler so that every error leaves in the API's one error shape, and every log line
 * written while answering carries the request's `requestId` (also sent back as `x-request-id`).
 */
export function apiHandler<C>(
  handler: (request: NextRequest, context: C) => Promise<Response>,
): (request: NextRequest, context: C) => Promise<Response> {
  return (request, context) => {
    const requestId = requestIdOf(request.headers);
    return withRequestId(requestId, async () => {
      let response: Response;
      try {
        response = await handler(request, context);
      } catch (error) {
        response = errorResponse(error);
      }
      if (!response.headers.has('x-request-id')) response.headers.set('x-request-id', requestId);
      return response;
    });
  };
}
