import { parseInput } from '../../../../core/parse-input';
import { RetryFailedRunsRequestSchema, retryFailedRuns } from '../../../../core/runs/retry-failed-runs';
import { requireRequestPrincipal } from '../../../_lib/auth/request-principal';
import { getEngine } from '../../../_lib/engine';
import { apiHandler } from '../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/**
 * Retries every failed run matching `filter`: `{filter, expectedCount, reason?}`. 409 when the number
 * of matching failed runs is no longer the one the operator confirmed.
 */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'runs:write');
  const body = parseInput(RetryFailedRunsRequestSchema.strict(), await readJsonBody(request), 'request body');
  return Response.json(await retryFailedRuns(getEngine(), body, principal));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
