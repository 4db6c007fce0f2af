import { parseInput } from '../../../../../core/parse-input';
import {
  OperatorActionBodySchema,
  performOperatorAction,
} from '../../../../../core/runs/perform-operator-action';
import { summarizeRun } from '../../../../../core/runs/run-summary';
import { requireRequestPrincipal } from '../../../../_lib/auth/request-principal';
import { getEngine } from '../../../../_lib/engine';
import { apiHandler } from '../../../../_lib/http/api-handler';
import { assertJsonMutation } from '../../../../_lib/http/assert-same-origin';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** Retries a failed run from the state whose step failed: `{reason?, expectedVersion?}`. */
export const POST = apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'runs:write');
  const { id } = await params;
  const body = parseInput(OperatorActionBodySchema, await readJsonBody(request), 'request body');
  const run = await performOperatorAction(
    getEngine(),
    { kind: 'retry', request: { ...body, runId: id } },
    principal,
  );
  return Response.json({ run: summarizeRun(run) });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
