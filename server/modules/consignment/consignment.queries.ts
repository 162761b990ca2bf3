import { trusted, Types } from 'mongoose';
import type { z } from 'zod';
import {
  SALES_LIST_MAX,
  type TSettlementRow,
  type ZExpiringQuery,
  type ZMovementsQuery,
  type ZSalesQuery,
  type ZSettlementQuery,
  type ZStockQuery,
} from '../../../shared/contracts/consignment';
import { todayInWib } from '../../../shared/time';
import type { FileDownload } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import {
  ConsignmentMovementModel,
  ConsignmentStockModel,
  DisplayPointModel,
  DisplaySaleModel,
  type ConsignmentStockDoc,
  type DisplayPointDoc,
  type MovementFields,
  type SaleFields,
} from './consignment.models';

/**
 * Reads for sellers (their own, `seller` = their id) and Dinkop (everyone's, `seller` = null or the one
 * named). A null seller reads across tenants on purpose.
 */
function scoped(seller: string | null, filter: Record<string, unknown>) {
  return seller ? { organisationId: seller, ...filter } : filter;
}
const acrossTenants = (seller: string | null) => ({ crossTenant: seller === null });

/** The most stock rows one read returns: every product of every seller at ~30 points stays well under it. */
export const STOCK_LIST_MAX = 2_000;

export async function listStock(seller: string | null, query: z.output<typeof ZStockQuery>) {
  const filter = scoped(seller, query.pointId ? { pointId: query.pointId } : {});
  const rows = await ConsignmentStockModel.find(filter)
    .setOptions(acrossTenants(seller))
    .limit(STOCK_LIST_MAX)
    .lean<ConsignmentStockDoc[]>();
  const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });
  return rows.sort(
    (a, b) => byName.compare(a.productName, b.productName) || byName.compare(a.sellerName, b.sellerName),
  );
}

export async function listMovements(seller: string | null, query: z.output<typeof ZMovementsQuery>) {
  const filter: Record<string, unknown> = scoped(seller, {});
  if (query.pointId) filter.pointId = query.pointId;
  if (query.productId) filter.productId = query.productId;
  if (query.cursor) Object.assign(filter, afterCursor('at', query.cursor, -1));
  const rows = await ConsignmentMovementModel.find(filter)
    .setOptions(acrossTenants(seller))
    .sort({ at: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<MovementFields[]>();
  return toPage(rows, query.limit, (row) => row.at);
}

/** `2026-12` → the first and last WIB dates it can hold (soldOn is a `YYYY-MM-DD` string). */
function monthRange(month: string) {
  return { $gte: `${month}-01`, $lte: `${month}-31` };
}

export async function listSales(seller: string | null, query: z.output<typeof ZSalesQuery>) {
  const filter: Record<string, unknown> = scoped(seller, { soldOn: trusted(monthRange(query.month)) });
  if (query.pointId) filter.pointId = query.pointId;
  const rows = await DisplaySaleModel.find(filter)
    .setOptions(acrossTenants(seller))
    .select({ outbox: 0 })
    .sort({ soldOn: -1, createdAt: -1 })
    .limit(SALES_LIST_MAX + 1)
    .lean<SaleFields[]>();
  return { items: rows.slice(0, SALES_LIST_MAX), truncated: rows.length > SALES_LIST_MAX };
}

/** round(n / d), halves up, for non-negative integers. */
function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Per seller and point for one WIB month: consignment value = Σ units × the consignment price agreed
 * at each sale; commission = that value × the commission agreed at each sale, summed exactly over the
 * month and rounded once, half up, to whole rupiah; payable = value − commission.
 */
export async function settlement(
  seller: string | null,
  query: z.output<typeof ZSettlementQuery>,
): Promise<TSettlementRow[]> {
  const match: Record<string, unknown> = { soldOn: monthRange(query.month) };
  if (seller) match.organisationId = new Types.ObjectId(seller);
  if (query.pointId) match.pointId = new Types.ObjectId(query.pointId);
  // The tenant guard wants organisationId first in the pipeline when a seller reads its own.
  const ordered = seller ? { organisationId: match.organisationId, ...match } : match;
  const groups = await DisplaySaleModel.aggregate<{
    _id: { pointId: Types.ObjectId; seller: Types.ObjectId };
    sellerName: string;
    channel: DisplayPointDoc['kind'];
    units: number;
    value: number;
    commissionTimes10000: number;
    gross: number;
    ppn: number;
  }>([
    { $match: ordered },
    {
      $group: {
        _id: { pointId: '$pointId', seller: '$sellerOrganisationId' },
        sellerName: { $last: '$sellerName' },
        channel: { $last: '$channel' },
        units: { $sum: '$units' },
        value: { $sum: { $multiply: ['$units', '$consignmentPrice'] } },
        commissionTimes10000: {
          $sum: { $multiply: [{ $multiply: ['$units', '$consignmentPrice'] }, '$commissionBasisPoints'] },
        },
        gross: { $sum: '$grossRupiah' },
        ppn: { $sum: '$ppnRupiah' },
      },
    },
  ]).option(acrossTenants(seller));
  const points = new Map(
    (
      await DisplayPointModel.find({ _id: trusted({ $in: groups.map((group) => group._id.pointId) }) }).lean<
        DisplayPointDoc[]
      >()
    ).map((point) => [String(point._id), point]),
  );
  const rows = groups.map((group) => {
    const commissionRupiah = divideRoundHalfUp(group.commissionTimes10000, 10_000);
    return {
      pointId: String(group._id.pointId),
      pointName: points.get(String(group._id.pointId))?.name ?? '(titik pajang dihapus)',
      channel: group.channel,
      sellerOrganisationId: String(group._id.seller),
      sellerName: group.sellerName,
      units: group.units,
      consignmentValueRupiah: group.value,
      commissionRupiah,
      payableRupiah: group.value - commissionRupiah,
      grossRupiah: group.gross,
      ppnRupiah: group.ppn,
    };
  });
  const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });
  return rows.sort(
    (a, b) => byName.compare(a.pointName, b.pointName) || byName.compare(a.sellerName, b.sellerName),
  );
}

const CHANNEL_LABELS = { galeri: 'Galeri UMKM', pojok: 'Pojok UMKM' } as const;
const CSV_HEADERS = [
  'Bulan (WIB)',
  'Titik Pajang',
  'Jenis',
  'UMKM',
  'Unit Terjual',
  'Nilai Konsinyasi (Rp)',
  'Komisi (Rp)',
  'Dibayar ke UMKM (Rp)',
  'Penjualan Bruto (Rp)',
  'PPN (Rp)',
];

/** As the ledger's CSV: `;`, BOM, and text that looks like a formula shown, not run. */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function settlementCsv(month: string, rows: TSettlementRow[], seller: string | null): FileDownload {
  const lines = [CSV_HEADERS.map(csvCell).join(';')];
  for (const row of rows) {
    lines.push(
      [
        month,
        row.pointName,
        CHANNEL_LABELS[row.channel],
        row.sellerName,
        row.units,
        row.consignmentValueRupiah,
        row.commissionRupiah,
        row.payableRupiah,
        row.grossRupiah,
        row.ppnRupiah,
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return {
    data: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: `penyelesaian-konsinyasi-${month}${seller ? `-${seller}` : ''}.csv`,
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Units on hand that are past or within `days` of their best-before date. Deliveries carry the dates;
 * what is on hand is taken to be the newest deliveries (oldest sold first), so the older batches drop
 * out as the quantity falls. Units found by a count beyond what was delivered carry no date.
 */
export async function expiringStock(
  seller: string | null,
  query: z.output<typeof ZExpiringQuery>,
  now = new Date(),
) {
  const today = todayInWib(now);
  const horizon = addDays(today, query.days);
  const filter = scoped(seller, { quantity: trusted({ $gt: 0 }) });
  if (query.pointId) filter.pointId = query.pointId;
  const stocks = await ConsignmentStockModel.find(filter)
    .setOptions(acrossTenants(seller))
    .limit(STOCK_LIST_MAX)
    .lean<ConsignmentStockDoc[]>();
  if (stocks.length === 0) return [];
  const deliveries = await ConsignmentMovementModel.find(
    scoped(seller, { stockId: trusted({ $in: stocks.map((stock) => stock._id) }), kind: 'delivered_in' }),
  )
    .setOptions(acrossTenants(seller))
    .sort({ at: -1, _id: -1 })
    .lean<MovementFields[]>();
  const byStock = new Map<string, MovementFields[]>();
  for (const delivery of deliveries) {
    const list = byStock.get(String(delivery.stockId)) ?? [];
    list.push(delivery);
    byStock.set(String(delivery.stockId), list);
  }
  const points = new Map(
    (
      await DisplayPointModel.find({ _id: trusted({ $in: stocks.map((stock) => stock.pointId) }) }).lean<
        DisplayPointDoc[]
      >()
    ).map((point) => [String(point._id), point.name]),
  );
  const items = [];
  for (const stock of stocks) {
    let left = stock.quantity;
    let units = 0;
    let earliest: string | null = null;
    for (const delivery of byStock.get(String(stock._id)) ?? []) {
      if (left <= 0) break;
      const onHand = Math.min(left, delivery.change);
      left -= onHand;
      if (delivery.bestBefore && delivery.bestBefore <= horizon) {
        units += onHand;
        if (!earliest || delivery.bestBefore < earliest) earliest = delivery.bestBefore;
      }
    }
    if (units > 0 && earliest) {
      items.push({
        stockId: String(stock._id),
        pointId: String(stock.pointId),
        pointName: points.get(String(stock.pointId)) ?? '',
        sellerOrganisationId: String(stock.organisationId),
        productId: String(stock.productId),
        productName: stock.productName,
        units,
        earliestBestBefore: earliest,
        expired: earliest < today,
      });
    }
  }
  return items.sort((a, b) => a.earliestBestBefore.localeCompare(b.earliestBestBefore));
}
