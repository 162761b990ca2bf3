import type { TDisplayPointKind } from '../../../shared/contracts/consignment';
import { todayInWib } from '../../../shared/time';
import { announceTodayChanged, recordDisplaySale as recordInRollups } from '../reports';

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

/**
 * The one place consignment calls the reports module; the rollups count each sale id once. A sale of
 * today moves today's counters on open dashboards, as a marketplace order does; a late entry for an
 * earlier day does not.
 */
export async function recordDisplaySale(sale: DisplaySaleForRollup, now: Date = new Date()): Promise<void> {
  await recordInRollups(sale);
  if (sale.soldOn === todayInWib(now)) announceTodayChanged(sale.sellerOrganisationId, now);
}
