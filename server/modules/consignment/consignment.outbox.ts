import { defineOutbox, toJob } from '../../platform/outbox';
import { DisplaySaleModel, type SaleFields } from './consignment.models';

/** A display sale carries the event that puts it into the sales rollups (at least once; the rollup counts it once). */
export const displaySaleOutbox = defineOutbox('display-sales', DisplaySaleModel, {
  'display-sale.recorded': toJob('consignment', 'display-sale'),
});

export function displaySaleEvent(sale: Pick<SaleFields, '_id' | 'sellerOrganisationId' | 'createdAt'>) {
  return displaySaleOutbox.event(
    'display-sale.recorded',
    { version: 1, saleId: sale._id, sellerOrganisationId: String(sale.sellerOrganisationId) },
    sale.createdAt,
    // One event per sale, whoever writes the sale document: a keyed id names one job.
    `display-sale-${sale._id}`,
  );
}
