import 'server-only';
import { parseInput } from '../../../core/parse-input';
import { OperatorActionBodySchema, performOperatorAction } from '../../../core/runs/perform-operator-action';
import { summarizeRun } from '../../../core/runs/run-summary';
import { requireRequestPrincipal } from '../auth/request-principal';
import { getEngine } from '../engine';
import { apiHandler } from './api-handler';
import { assertJsonMutation } from './assert-same-origin';
import { readJsonBody } from './read-json-body';

/** The POST handler of `/api/runs/:id/retry` and `/cancel`: `{reason?, expectedVersion?}` → the run. */
export function operatorActionRoute(kind: 'retry' | 'cancel') {
  return apiHandler(async (request, { params }: { params: Promise<{ id: string }> }) => {
    assertJsonMutation(request);
    const principal = await requireRequestPrincipal(request, 'runs:write');
    const { id } = await params;
    const body = parseInput(OperatorActionBodySchema, await readJsonBody(request), 'request body');
    const run = await performOperatorAction(
      getEngine(),
      { kind, request: { ...body, runId: id } },
      principal,
    );
    return Response.json({ run: summarizeRun(run) });
  });
}
