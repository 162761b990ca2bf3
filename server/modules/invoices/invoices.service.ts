import { trusted, Types } from 'mongoose';
import type { z } from 'zod';
import type { TMarkInvoicePaidRequest, ZListInvoicesQuery } from '../../../shared/contracts/invoices';
import { allocate } from '../../../shared/tax/ppn';
import { todayInWib } from '../../../shared/time';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { publishNow, withOutbox } from '../../platform/outbox';
import { afterCursor, toPage } from '../../platform/pagination';
import { getOrganisation } from '../accounts';
import { invoiceSource, type InvoiceSource } from '../orders';
import { umkmInvoiceProfile } from '../umkm';
import { InvoiceModel, type InvoiceDoc } from './invoice.models';
import { invoiceEvent, invoiceOutbox } from './invoices.outbox';
import {
  findHold,
  formatNumber,
  releaseHold,
  sellerCodeOf,
  staleHolds,
  takeNumber,
  wibYear,
} from './numbering';

/** A hold this old belongs to an issuer that died and whose job gave up: the next issue completes it. */
const STALE_HOLD_MS = 15 * 60 * 1000;
const SYSTEM_NAME = 'Sistem Pasar UMKM';

export const invoiceNotFound = () => new AppError('NOT_FOUND', 'Faktur tidak ditemukan.');

type Address = {
  street?: string | null;
  village?: { name?: string | null } | null;
  district?: { name?: string | null } | null;
  regency?: { name?: string | null } | null;
  province?: { name?: string | null } | null;
  postalCode?: string | null;
};

/** One printable line: street, desa, kecamatan, kabupaten, provinsi and postcode. */
export function addressLine(address: Address | null | undefined): string | null {
  if (!address) return null;
  const parts = [
    address.street,
    address.village?.name,
    address.district?.name ? `Kec. ${address.district.name}` : null,
    address.regency?.name,
    [address.province?.name, address.postalCode].filter(Boolean).join(' '),
  ].filter((part): part is string => Boolean(part && part.trim()));
  return parts.length > 0 ? parts.join(', ') : null;
}

async function organisationAddress(organisationId: string): Promise<string | null> {
  try {
    return addressLine((await getOrganisation(organisationId)).address);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** A WIB calendar date this many days later. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Per-line DPP and PPN: the seller order's totals split over its lines, summing to them exactly. */
export function invoiceLines(source: Pick<InvoiceSource, 'lines' | 'totals'>) {
  const amounts = source.lines.map((line) => line.lineTotal);
  const taxBases = allocate(source.totals.taxBase, amounts);
  const ppns = allocate(source.totals.ppn, amounts);
  return source.lines.map((line, i) => ({ ...line, taxBase: taxBases[i]!, ppn: ppns[i]! }));
}

async function invoiceOfOrder(sellerOrderId: string): Promise<InvoiceDoc | null> {
  return InvoiceModel.findOne({ sellerOrderId }).setOptions({ crossTenant: true }).lean<InvoiceDoc>();
}

async function buildInvoice(source: InvoiceSource, number: string, sellerCode: string, issuedAt: Date) {
  const [sellerAddress, buyerAddress, profile] = await Promise.all([
    organisationAddress(source.sellerOrganisationId),
    organisationAddress(source.buyerOrganisationId),
    umkmInvoiceProfile(source.sellerOrganisationId),
  ]);
  const tempo = source.payment.method === 'tempo';
  const paidAt = tempo ? null : (source.payment.paidAt ?? issuedAt);
  return {
    _id: new Types.ObjectId(),
    organisationId: source.sellerOrganisationId,
    buyerOrganisationId: source.buyerOrganisationId,
    number,
    sellerCode,
    sellerOrderId: source.sellerOrderId,
    sellerOrderNumber: source.sellerOrderNumber,
    buyerOrderId: source.buyerOrderId,
    buyerOrderNumber: source.buyerOrderNumber,
    purchaseOrderNumber: source.purchaseOrderNumber,
    seller: {
      name: source.seller.name,
      address: sellerAddress,
      npwp: profile.npwp,
      isPkp: source.seller.isPkp,
    },
    // The buyer's NPWP is not recorded anywhere yet: the invoice prints "-".
    buyer: { name: source.buyer.name, address: buyerAddress, npwp: null },
    lines: invoiceLines(source),
    totals: source.totals,
    paymentMethod: source.payment.method,
    termDays: tempo ? source.payment.termDays : null,
    // Online orders are accepted only once paid: their invoice is born paid.
    status: tempo ? ('unpaid' as const) : ('paid' as const),
    version: 1,
    issuedAt,
    dueDate: tempo ? addDays(todayInWib(issuedAt), source.payment.termDays ?? 0) : null,
    paidAt,
    paidOn: paidAt ? todayInWib(paidAt) : null,
    paymentReference: null,
    paidByName: null,
    creditNote: null,
    pdf: null,
  };
}

const CANCELLED = ['cancelled', 'rejected'];

/**
 * Issues the invoice of an accepted seller order, once: a second call (the job retried, or run twice)
 * returns the first invoice. null when there is nothing to invoice (never accepted, or cancelled before
 * any number was taken). An order cancelled while its invoice was being issued is credited at once, so
 * whichever of the two ran first, the cancellation ends with a credited invoice.
 */
export async function issueInvoice(
  sellerOrderId: string,
  sellerOrganisationId: string,
  now = new Date(),
): Promise<InvoiceDoc | null> {
  const existing = await invoiceOfOrder(sellerOrderId);
  if (existing) {
    if (String(existing.organisationId) !== sellerOrganisationId) return null;
    // A crash after the insert left the hold behind.
    await releaseHold('INV', sellerOrganisationId, wibYear(existing.issuedAt), sellerOrderId);
    return existing;
  }
  const source = await invoiceSource(sellerOrderId, sellerOrganisationId);
  if (!source || !source.accepted) return null;
  const held = await findHold('INV', sellerOrganisationId, sellerOrderId, now);
  // A number already taken must end in an invoice (credited if need be), or the series would have a gap.
  if (!held && CANCELLED.includes(source.status)) return null;
  const sellerCode = await sellerCodeOf(sellerOrganisationId);
  const hold = held ?? (await takeNumber('INV', sellerOrganisationId, sellerOrderId, now));
  const doc = await buildInvoice(
    source,
    formatNumber('INV', sellerCode, hold.year, hold.seq),
    sellerCode,
    hold.at,
  );
  const issued = invoiceEvent(doc, 'issued', now);
  let invoice: InvoiceDoc;
  try {
    invoice = (await InvoiceModel.create({ ...doc, ...withOutbox([issued]) })).toObject<InvoiceDoc>();
    await publishNow(invoiceOutbox.source, doc._id, [issued], [0]);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Another issuer of this seller order (same hold, same number) wrote it first.
    const theirs = await invoiceOfOrder(sellerOrderId);
    if (!theirs) throw error;
    invoice = theirs;
  }
  await releaseHold('INV', sellerOrganisationId, hold.year, sellerOrderId);
  const after = await invoiceSource(sellerOrderId, sellerOrganisationId);
  if (after && CANCELLED.includes(after.status)) {
    invoice = (await creditInvoice(sellerOrderId, 'Pesanan dibatalkan', SYSTEM_NAME, now)) ?? invoice;
  }
  await completeStaleHolds(sellerOrganisationId, sellerOrderId, now);
  return invoice;
}

/** Numbers held by issuers that died and were never retried: written into their invoices now. */
async function completeStaleHolds(sellerId: string, except: string, now: Date): Promise<void> {
  for (const orphan of await staleHolds('INV', sellerId, now, STALE_HOLD_MS)) {
    if (orphan !== except) await issueInvoice(orphan, sellerId, now);
  }
}

/**
 * The seller order of an issued invoice was cancelled: the invoice is credited with a credit note
 * (`KN/<code>/<year>/<seq>`, its own gap-free series). Idempotent; null when the order has no invoice.
 */
export async function creditInvoice(
  sellerOrderId: string,
  reason: string,
  actorName: string,
  now = new Date(),
): Promise<InvoiceDoc | null> {
  const invoice = await invoiceOfOrder(sellerOrderId);
  if (!invoice) return null;
  const sellerId = String(invoice.organisationId);
  if (invoice.status === 'credited') {
    await releaseHold('KN', sellerId, wibYear(invoice.creditNote!.at!), sellerOrderId);
    return invoice;
  }
  const hold =
    (await findHold('KN', sellerId, sellerOrderId, now)) ??
    (await takeNumber('KN', sellerId, sellerOrderId, now));
  const credited = invoiceEvent(invoice, 'credited', now);
  const updated = await InvoiceModel.findOneAndUpdate(
    { _id: invoice._id, organisationId: invoice.organisationId, status: trusted({ $ne: 'credited' }) },
    {
      $set: {
        status: 'credited',
        creditNote: {
          number: formatNumber('KN', invoice.sellerCode, hold.year, hold.seq),
          reason,
          byName: actorName,
          at: hold.at,
        },
      },
      $inc: { version: 1, outboxPending: 1 },
      $push: { outbox: credited },
    },
    { returnDocument: 'after' },
  ).lean<InvoiceDoc>();
  if (updated) await publishNow(invoiceOutbox.source, updated._id, [credited], [updated.outbox.length - 1]);
  await releaseHold('KN', sellerId, hold.year, sellerOrderId);
  return updated ?? (await invoiceOfOrder(sellerOrderId));
}

/**
 * Who sees which invoices: the buyer's admins and finance theirs, the seller's owner and staff theirs,
 * Dinkop's admins and analysts all. null: none (the caller then gets 404, never a hint it exists).
 */
export function visibleInvoices(actor: Actor): Record<string, unknown> | null {
  const has = (...roles: string[]) => roles.some((role) => (actor.roles as string[]).includes(role));
  switch (actor.organisationKind) {
    case 'buyer':
      return has('admin', 'finance') ? { buyerOrganisationId: actor.organisationId } : null;
    case 'umkm':
      return has('owner', 'staff') ? { organisationId: actor.organisationId } : null;
    case 'dinkop':
      return has('admin', 'analyst') ? {} : null;
    default:
      return null;
  }
}

export async function getInvoice(actor: Actor, invoiceId: string): Promise<InvoiceDoc> {
  const scope = visibleInvoices(actor);
  if (!scope) throw invoiceNotFound();
  const invoice = await InvoiceModel.findOne({ ...scope, _id: invoiceId })
    .setOptions({ crossTenant: true })
    .select({ outbox: 0 })
    .lean<InvoiceDoc>();
  if (!invoice) throw invoiceNotFound();
  return invoice;
}

export async function listInvoices(actor: Actor, query: z.output<typeof ZListInvoicesQuery>) {
  const scope = visibleInvoices(actor);
  if (!scope) throw new AppError('FORBIDDEN', 'Peran Anda tidak memiliki akses ke faktur.');
  const filter: Record<string, unknown> = { ...scope };
  if (query.status) filter.status = query.status;
  if (query.cursor) Object.assign(filter, afterCursor('issuedAt', query.cursor, -1));
  const rows = await InvoiceModel.find(filter)
    .setOptions({ crossTenant: true })
    .select({ outbox: 0 })
    .sort({ issuedAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<InvoiceDoc[]>();
  return toPage(rows, query.limit, (row) => row.issuedAt);
}

function paidOnProblem(message: string) {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['paidOn'], message }] });
}

/**
 * A tempo invoice paid by bank transfer: recorded by the buyer's admin or finance, or a Dinkop admin.
 * One update guarded on `unpaid`, carrying the `invoice.paid` event.
 */
export async function markInvoicePaid(
  actor: Actor,
  invoiceId: string,
  request: TMarkInvoicePaidRequest,
  now = new Date(),
): Promise<InvoiceDoc> {
  const scope = actor.organisationKind === 'dinkop' ? {} : { buyerOrganisationId: actor.organisationId };
  const invoice = await InvoiceModel.findOne({ ...scope, _id: invoiceId })
    .setOptions({ crossTenant: true })
    .select({ outbox: 0 })
    .lean<InvoiceDoc>();
  if (!invoice) throw invoiceNotFound();
  const notUnpaid = (status: string) =>
    new AppError(
      'INVALID_STATE',
      status === 'paid' ? 'Faktur ini sudah lunas.' : 'Faktur ini sudah dibatalkan dengan nota kredit.',
      { status },
    );
  if (invoice.status !== 'unpaid') throw notUnpaid(invoice.status);
  if (request.paidOn > todayInWib(now)) throw paidOnProblem('Tanggal bayar tidak boleh di masa depan.');
  if (request.paidOn < todayInWib(invoice.issuedAt)) {
    throw paidOnProblem('Tanggal bayar tidak boleh sebelum tanggal faktur.');
  }
  // Today's payment is recorded at this moment; an earlier day's at noon WIB of that day.
  const paidAt = request.paidOn === todayInWib(now) ? now : new Date(`${request.paidOn}T12:00:00+07:00`);
  const paid = invoiceEvent(invoice, 'paid', now);
  const updated = await InvoiceModel.findOneAndUpdate(
    { _id: invoice._id, organisationId: invoice.organisationId, status: 'unpaid' },
    {
      $set: {
        status: 'paid',
        paidAt,
        paidOn: request.paidOn,
        paymentReference: request.transferReference,
        paidByName: actor.name,
        paidByUserId: actor.userId,
      },
      $inc: { version: 1, outboxPending: 1 },
      $push: { outbox: paid },
    },
    { returnDocument: 'after' },
  ).lean<InvoiceDoc>();
  if (!updated) {
    const current = await InvoiceModel.findOne({ _id: invoice._id, organisationId: invoice.organisationId })
      .select({ status: 1 })
      .lean<InvoiceDoc>();
    throw notUnpaid(current?.status ?? 'unpaid');
  }
  await publishNow(invoiceOutbox.source, updated._id, [paid], [updated.outbox.length - 1]);
  return updated;
}

/** For the worker: an invoice by id within its seller, with or without its outbox. */
export async function invoiceForJob(invoiceId: string, sellerOrganisationId: string) {
  return InvoiceModel.findOne({ _id: invoiceId, organisationId: sellerOrganisationId })
    .select({ outbox: 0 })
    .lean<InvoiceDoc>();
}
