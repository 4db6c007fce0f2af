import { apiRoutes } from '../../../../../contracts/api-routes';
import { otherMethods } from '../../../../_lib/http/method-not-allowed';
import { operatorActionRoute } from '../../../../_lib/http/operator-action-route';

export const dynamic = 'force-dynamic';

export const POST = operatorActionRoute(apiRoutes.cancelRun, 'cancel');

export const { GET, PUT, PATCH, DELETE } = otherMethods(['POST']);
