import {
  ZDeliveryLocation,
  ZDeliveryLocationParams,
  ZDeliveryLocationRequest,
  ZListDeliveryLocationsResponse,
} from '../../../shared/contracts/delivery-locations';
import { defineRoute, signedIn, type AnyRoute } from '../../platform/http/route';
import { presentDeliveryLocation } from './accounts.presenter';
import * as locations from './delivery-locations.service';

/** Every member sees where the organisation takes deliveries (purchasers pick one); its admins keep the list. */
const buyerMembers = signedIn({ organisationKinds: ['buyer'] });
const buyerAdmins = signedIn({ organisationKinds: ['buyer'], roles: ['admin'] });

export function deliveryLocationRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/organisation/delivery-locations',
      summary: "The buyer organisation's delivery locations, by label",
      tag: 'organisations',
      access: buyerMembers,
      response: ZListDeliveryLocationsResponse,
      handler: async ({ actor }) => ({
        items: (await locations.listDeliveryLocations(actor.organisationId)).map(presentDeliveryLocation),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/organisation/delivery-locations',
      summary: 'Add a delivery location (buyer admin); at most 50, labels unique ignoring case',
      tag: 'organisations',
      access: buyerAdmins,
      body: ZDeliveryLocationRequest,
      response: ZDeliveryLocation,
      status: 201,
      handler: async ({ actor, body }) =>
        presentDeliveryLocation(await locations.createDeliveryLocation(actor, body)),
    }),
    defineRoute({
      method: 'put',
      path: '/api/organisation/delivery-locations/:locationId',
      summary: 'Replace a delivery location (buyer admin); orders already placed keep their copy',
      tag: 'organisations',
      access: buyerAdmins,
      params: ZDeliveryLocationParams,
      body: ZDeliveryLocationRequest,
      response: ZDeliveryLocation,
      handler: async ({ actor, params, body }) =>
        presentDeliveryLocation(await locations.updateDeliveryLocation(actor, params.locationId, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/organisation/delivery-locations/:locationId',
      summary: 'Remove a delivery location (buyer admin); orders already placed keep their copy',
      tag: 'organisations',
      access: buyerAdmins,
      params: ZDeliveryLocationParams,
      response: null,
      handler: async ({ actor, params }) => locations.deleteDeliveryLocation(actor, params.locationId),
    }),
  ];
}
