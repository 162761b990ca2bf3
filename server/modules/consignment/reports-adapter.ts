import type { TDisplayPointKind } from '../../../shared/contracts/consignment';
import { recordDisplaySale as recordInRollups } from '../reports';

/** What the sales rollups take of one display sale. */
export interface DisplaySaleForRollup {
  saleId: string;
  soldOn: string;
  channel: TDisplayPointKind;
  sellerOrganisationId: string;
  productId: string;
  units: number;
  grossRupiah: number;
  ppnRupiah: number;
}

/** The one place consignment calls the reports module; the rollups count each sale id once. */
export async function recordDisplaySale(sale: DisplaySaleForRollup): Promise<void> {
  await recordInRollups(sale);
}
