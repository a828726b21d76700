/**
 * /api/Locations and /api/V2/Locations. V2 upserts on locationCode alone; v1 treats the code OR
 * the name as the identity, so a second code under a known name takes over that location. Both
 * answer 201, the only success the document lists. GET /Locations answers 404 with an empty
 * body, as production does, so locations cannot be read back.
 */
import { locationRequestSchema } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import { locationsSlice, toLocationResponse, type LocationUpsert } from '../store/locations-store';
import { empty, json, withBody, withoutBody, type Reply, type RouteModule } from './route';

function answer(result: LocationUpsert): Reply {
  if (result.kind === 'name-taken') {
    const owner = result.owner.locationCode;
    throw badRequest({
      LocationName: [`The name is already used by location '${owner}'; v1 keeps names unique. Use /api/V2/Locations for shared names.`],
    });
  }
  return json(201, toLocationResponse(result.location));
}

export const locationsRoutes: RouteModule = {
  name: 'Locations',
  routes: [
    {
      path: '/api/Locations',
      methods: {
        GET: withoutBody(() => empty(404)),
        POST: withBody(locationRequestSchema, (ctx, body) => answer(ctx.account.get(locationsSlice).upsertByCodeOrName(body))),
      },
    },
    {
      path: '/api/V2/Locations',
      methods: {
        POST: withBody(locationRequestSchema, (ctx, body) => answer(ctx.account.get(locationsSlice).upsertByCode(body))),
      },
    },
  ],
};
