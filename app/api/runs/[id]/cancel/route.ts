import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { operatorActionRoute } from '../../../../_lib/http/operator-action-route';

export const dynamic = 'force-dynamic';

/** Cancels a run; a step that is running is aborted: `{reason?, expectedVersion?}`. */
export const POST = operatorActionRoute('cancel');

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
