import { parseInput } from '../../../core/parse-input';
import { listRuns } from '../../../core/runs/list-runs';
import { parseRunListQuery } from '../../../core/runs/run-list-query';
import { summarizeRun } from '../../../core/runs/run-summary';
import { StartRunRequestSchema, startRun } from '../../../core/runs/start-run';
import { requireRequestPrincipal } from '../../_lib/auth/request-principal';
import { getEngine } from '../../_lib/engine';
import { apiHandler } from '../../_lib/http/api-handler';
import { assertJsonMutation } from '../../_lib/http/assert-same-origin';
import { otherMethods } from '../../_lib/http/method-not-allowed';
import { readJsonBody } from '../../_lib/http/read-json-body';

export const dynamic = 'force-dynamic';

/** Runs matching the filters, newest first by default, one keyset page at a time. */
export const GET = apiHandler(async (request) => {
  const principal = await requireRequestPrincipal(request, 'runs:read');
  const query = parseRunListQuery(request.nextUrl.searchParams);
  return Response.json(await listRuns(getEngine(), principal, query));
});

/** Starts a run: 201 with the new run, 200 with the existing one for a repeated idempotency key. */
export const POST = apiHandler(async (request) => {
  assertJsonMutation(request);
  const principal = await requireRequestPrincipal(request, 'runs:write');
  const body = parseInput(StartRunRequestSchema.strict(), await readJsonBody(request), 'request body');
  const { run, created } = await startRun(getEngine(), body, principal);
  return Response.json({ run: summarizeRun(run), created }, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
