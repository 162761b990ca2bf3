import { Types, trusted } from 'mongoose';
import type { z } from 'zod';
import {
  LEDGER_CSV_MAX_ROWS,
  type TLedgerEntryKind,
  type ZLedgerCsvQuery,
  type ZLedgerEntriesQuery,
  type ZSellerBalancesQuery,
} from '../../../shared/contracts/ledger';
import { WIB_TIME_ZONE } from '../../../shared/time';
import { AppError } from '../../platform/http/errors';
import type { Actor, FileDownload } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import { getOrganisation } from '../accounts';
import { LedgerEntryModel, type LedgerEntryDoc } from './ledger.models';

/**
 * Whose ledger a request reads: a UMKM's own, always; Dinkop names the UMKM. Another UMKM's id from a
 * seller is as unknown as an id that never existed, and so is a buyer's id from Dinkop.
 */
export async function ledgerOwnerFor(actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.organisationKind === 'umkm') {
    if (requested && requested !== actor.organisationId) throw unknownSeller();
    return actor.organisationId;
  }
  if (!requested) {
    const message = 'Pilih UMKM yang buku besarnya ingin dilihat.';
    throw new AppError('VALIDATION_FAILED', message, {
      issues: [{ path: ['sellerOrganisationId'], message }],
    });
  }
  await assertUmkm(requested);
  return requested;
}

const unknownSeller = () => new AppError('NOT_FOUND', 'UMKM tidak ditemukan.');

export async function assertUmkm(organisationId: string): Promise<{ name: string }> {
  const organisation = await getOrganisation(organisationId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw unknownSeller();
    throw error;
  });
  if (organisation.kind !== 'umkm') throw unknownSeller();
  return { name: organisation.name };
}

/** Newest first, keyset-paged over (occurredAt, _id). */
export async function listLedgerEntries(
  sellerOrganisationId: string,
  query: z.output<typeof ZLedgerEntriesQuery>,
) {
  const filter: Record<string, unknown> = { organisationId: sellerOrganisationId };
  if (query.cursor) Object.assign(filter, afterCursor('occurredAt', query.cursor, -1));
  const rows = await LedgerEntryModel.find(filter)
    .sort({ occurredAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<LedgerEntryDoc[]>();
  return toPage(rows, query.limit, (entry) => entry.occurredAt);
}

/**
 * Dinkop's list of sellers and what the platform owes each, derived from the entries on every read and
 * paged by seller id. Each page sums the whole collection: fine at a kabupaten's size; a kept summary
 * per seller (re-derivable from the entries) is the step after.
 */
export async function listSellerBalances(query: z.output<typeof ZSellerBalancesQuery>) {
  const after = query.cursor ? decodeSellerCursor(query.cursor) : null;
  const rows = await LedgerEntryModel.aggregate<{ _id: Types.ObjectId; balance: number }>([
    { $group: { _id: '$organisationId', balance: { $sum: '$amountRupiah' } } },
    ...(after ? [{ $match: { _id: { $gt: after } } }] : []),
    { $sort: { _id: 1 } },
    { $limit: query.limit + 1 },
  ]).option({ crossTenant: true });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const names = await Promise.all(page.map((row) => sellerName(String(row._id))));
  return {
    items: page.map((row, i) => ({
      sellerOrganisationId: String(row._id),
      sellerName: names[i]!,
      balanceRupiah: row.balance,
    })),
    nextCursor: hasMore ? Buffer.from(String(page.at(-1)!._id)).toString('base64url') : null,
  };
}

function decodeSellerCursor(cursor: string): Types.ObjectId {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-f0-9]{24}$/.test(id)) {
    throw new AppError('VALIDATION_FAILED', 'Kursor halaman tidak valid.', {
      issues: [{ path: ['cursor'], message: 'Kursor tidak valid' }],
    });
  }
  return new Types.ObjectId(id);
}

/** A seller organisation removed since its entries were written still has its ledger; it is named by id. */
export async function sellerName(organisationId: string): Promise<string> {
  try {
    return (await getOrganisation(organisationId)).name;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return `UMKM ${organisationId}`;
    throw error;
  }
}

/** Every seller the platform owes money to now (a positive balance), for a payout batch naming none. */
export async function sellersOwed(): Promise<string[]> {
  const rows = await LedgerEntryModel.aggregate<{ _id: Types.ObjectId }>([
    { $group: { _id: '$organisationId', balance: { $sum: '$amountRupiah' } } },
    { $match: { balance: { $gt: 0 } } },
    { $sort: { _id: 1 } },
    { $project: { _id: 1 } },
  ]).option({ crossTenant: true });
  return rows.map((row) => String(row._id));
}

const KIND_LABELS: Record<TLedgerEntryKind, string> = {
  sale: 'Penjualan',
  ppn: 'PPN',
  platform_fee: 'Biaya platform',
  refund: 'Pengembalian dana',
  payout: 'Pembayaran ke UMKM',
};

const CSV_HEADERS = [
  'Tanggal (WIB)',
  'Jenis',
  'Uraian',
  'No. Pesanan',
  'Jumlah (Rp)',
  'Saldo (Rp)',
  'ID Pembayaran',
];

const wibParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: WIB_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-05 19:16:27`: sorts as text and every spreadsheet reads it as a date-time. */
export function csvDateTimeWib(at: Date): string {
  const part = Object.fromEntries(wibParts.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/**
 * A cell as Excel reads it back: quoted when it holds the separator, a quote or a line break; text that
 * starts like a formula gets a leading apostrophe so a spreadsheet shows it instead of running it.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The start of a WIB calendar day as an instant. */
function startOfWibDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/**
 * The seller's ledger as a CSV for a spreadsheet: oldest first with a running balance (opening with the
 * balance before `from`), `;`-separated with a BOM like the product template, Indonesian headers, WIB
 * times, whole rupiah. Built in memory, so capped: beyond `maxRows` the caller is asked to narrow the dates.
 */
export async function ledgerCsv(
  sellerOrganisationId: string,
  query: z.output<typeof ZLedgerCsvQuery>,
  maxRows = LEDGER_CSV_MAX_ROWS,
): Promise<FileDownload> {
  const range: Record<string, Date> = {};
  if (query.from) range.$gte = startOfWibDay(query.from);
  if (query.to) range.$lt = new Date(startOfWibDay(query.to).getTime() + 86_400_000);
  const filter: Record<string, unknown> = { organisationId: sellerOrganisationId };
  if (query.from || query.to) filter.occurredAt = trusted(range);
  const rows = await LedgerEntryModel.find(filter)
    .sort({ occurredAt: 1, _id: 1 })
    .limit(maxRows + 1)
    .lean<LedgerEntryDoc[]>();
  if (rows.length > maxRows) {
    throw new AppError(
      'LIMIT_REACHED',
      `Ekspor CSV paling banyak ${maxRows.toLocaleString('id-ID')} baris. Persempit rentang tanggal (dari/sampai).`,
      { limit: maxRows },
    );
  }
  let balance = 0;
  if (query.from) {
    const [opening] = await LedgerEntryModel.aggregate<{ total: number }>([
      {
        $match: {
          organisationId: new Types.ObjectId(sellerOrganisationId),
          occurredAt: { $lt: startOfWibDay(query.from) },
        },
      },
      { $group: { _id: null, total: { $sum: '$amountRupiah' } } },
    ]);
    balance = opening?.total ?? 0;
  }
  const lines = [CSV_HEADERS.map(csvCell).join(';')];
  for (const entry of rows) {
    balance += entry.amountRupiah;
    lines.push(
      [
        csvDateTimeWib(entry.occurredAt),
        KIND_LABELS[entry.kind],
        entry.description,
        entry.sellerOrderNumber ?? '',
        entry.amountRupiah,
        balance,
        entry.payoutBatchId ? String(entry.payoutBatchId) : '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  const period = [query.from, query.to].filter(Boolean).join('_sd_');
  return {
    data: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: `buku-besar-${sellerOrganisationId}${period ? `-${period}` : ''}.csv`,
  };
}
