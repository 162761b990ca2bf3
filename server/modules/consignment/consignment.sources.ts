import { consignableProduct, type ConsignableProduct } from '../catalog';
import { dinkopUser } from '../accounts';
import { pkpSellers } from '../umkm';

/** What consignment reads of other modules, in one place, through their public surfaces. */
export { consignableProduct, dinkopUser, type ConsignableProduct };

export async function sellerIsPkp(sellerOrganisationId: string): Promise<boolean> {
  return (await pkpSellers([sellerOrganisationId])).has(sellerOrganisationId);
}
