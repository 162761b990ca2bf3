import type { z } from 'zod';
import type { JOBS } from '../../../shared/jobs';
import { DisplaySaleModel, type SaleFields } from './consignment.models';
import { recordDisplaySale } from './reports-adapter';

/**
 * The `display-sale` job: hands the sale to the sales rollups. Re-read from its document, so the job
 * carries ids only; the rollups count a sale id once, so a redelivered job changes nothing.
 */
export async function forwardDisplaySale(
  payload: z.output<(typeof JOBS)['consignment']['display-sale']>,
): Promise<'recorded' | 'missing'> {
  const sale = await DisplaySaleModel.findOne({
    _id: payload.saleId,
    organisationId: payload.sellerOrganisationId,
  }).lean<SaleFields>();
  if (!sale) return 'missing';
  await recordDisplaySale({
    saleId: sale._id,
    soldOn: sale.soldOn,
    channel: sale.channel,
    sellerOrganisationId: String(sale.sellerOrganisationId),
    productId: String(sale.productId),
    units: sale.units,
    grossRupiah: sale.grossRupiah,
    ppnRupiah: sale.ppnRupiah,
  });
  return 'recorded';
}
