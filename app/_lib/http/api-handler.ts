import 'server-only';
import type { NextRequest } from 'next/server';
import { errorResponse } from './error-response';

/** Wraps a route handler so that every error leaves in the API's one error shape. */
export function apiHandler<C>(
  handler: (request: NextRequest, context: C) => Promise<Response>,
): (request: NextRequest, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
