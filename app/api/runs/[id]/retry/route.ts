import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { operatorActionRoute } from '../../../../_lib/http/operator-action-route';

export const dynamic = 'force-dynamic';

/** Retries a failed run from the state whose step failed: `{reason?, expectedVersion?}`. */
export const POST = operatorActionRoute('retry');

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
