import { trusted, Types } from 'mongoose';
import { BUYER_TYPES_ON_TERMS, type TCreditLineRequest } from '../../../shared/contracts/credit';
import type { TBuyerType } from '../../../shared/contracts/organisations';
import { isDuplicateKeyError } from '../../platform/db';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import { getOrganisation } from '../accounts';
import { CreditLineModel, type CreditLineDoc } from './credit-line.model';

const GUARD_RETRIES = 5;

export function buysOnTerms(buyerType: TBuyerType | null | undefined): boolean {
  return (BUYER_TYPES_ON_TERMS as readonly string[]).includes(buyerType ?? '');
}

export async function creditLineOf(organisationId: string): Promise<CreditLineDoc | null> {
  return CreditLineModel.findOne({ organisationId }).lean<CreditLineDoc>();
}

export async function listCreditLines(query: { cursor?: string; limit: number }) {
  const rows = await CreditLineModel.find(query.cursor ? afterCursor('updatedAt', query.cursor, -1) : {})
    .setOptions({ crossTenant: true })
    .sort({ updatedAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<CreditLineDoc[]>();
  return toPage(rows, query.limit, (row) => row.updatedAt);
}

/**
 * A Dinkop admin sets (or changes) a buyer's terms and limit. Changing the limit moves what is available
 * by the same amount in one update guarded on the limit read, so orders reserving at the same moment are
 * never lost; lowering it below what is owed leaves `available` negative: no new orders on terms until
 * invoices are paid.
 */
export async function setCreditLine(
  actor: Actor,
  organisationId: string,
  request: TCreditLineRequest,
): Promise<CreditLineDoc> {
  const organisation = await getOrganisation(organisationId);
  if (organisation.kind !== 'buyer' || !buysOnTerms(organisation.buyerType)) {
    throw new AppError(
      'INVALID_STATE',
      'Kredit tempo hanya untuk koperasi, perusahaan dan instansi pemerintah.',
    );
  }
  if (organisation.status !== 'verified') {
    throw new AppError(
      'INVALID_STATE',
      'Organisasi ini belum diverifikasi, jadi belum bisa diberi kredit tempo.',
    );
  }
  const changes = {
    organisationName: organisation.name,
    termDays: request.termDays,
    active: request.active,
    updatedByUserId: new Types.ObjectId(actor.userId),
    updatedByName: actor.name,
  };
  for (let attempt = 0; attempt < GUARD_RETRIES; attempt++) {
    const current = await creditLineOf(organisationId);
    if (!current) {
      try {
        return (
          await CreditLineModel.create({
            organisationId,
            ...changes,
            limitRupiah: request.limitRupiah,
            outstandingRupiah: 0,
            availableRupiah: request.limitRupiah,
            holds: [],
          })
        ).toObject<CreditLineDoc>();
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        continue; // another admin created it a moment ago: change theirs
      }
    }
    const delta = request.limitRupiah - current.limitRupiah;
    const updated = await CreditLineModel.findOneAndUpdate(
      { _id: current._id, organisationId, limitRupiah: current.limitRupiah },
      { $set: { ...changes, limitRupiah: request.limitRupiah }, $inc: { availableRupiah: delta } },
      { returnDocument: 'after' },
    ).lean<CreditLineDoc>();
    if (updated) return updated;
  }
  throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Batas kredit sedang diubah orang lain. Coba lagi.');
}

export type CreditReservation =
  | { ok: true; termDays: number }
  | { ok: false; reason: 'no_line' }
  | { ok: false; reason: 'short'; requiredRupiah: number; availableRupiah: number };

/**
 * Takes what an order on terms will owe from the buyer's credit line: one hold per seller order, all in
 * one update that only matches while the line is active and has enough available. Idempotent per order (a
 * retried checkout finds its holds and is told it has them).
 */
export async function reserveCredit(
  organisationId: string,
  orderId: string,
  parts: ReadonlyArray<{ sellerOrderId: string; amountRupiah: number }>,
): Promise<CreditReservation> {
  const required = parts.reduce((sum, part) => sum + part.amountRupiah, 0);
  const taken = await CreditLineModel.findOneAndUpdate(
    {
      organisationId,
      active: true,
      availableRupiah: trusted({ $gte: required }),
      'holds.orderId': trusted({ $ne: new Types.ObjectId(orderId) }),
    },
    {
      $inc: { availableRupiah: -required, outstandingRupiah: required },
      $push: {
        holds: {
          $each: parts.map((part) => ({
            orderId: new Types.ObjectId(orderId),
            sellerOrderId: new Types.ObjectId(part.sellerOrderId),
            amountRupiah: part.amountRupiah,
          })),
        },
      },
    },
    { returnDocument: 'after', projection: { termDays: 1 } },
  ).lean<Pick<CreditLineDoc, 'termDays'>>();
  if (taken) return { ok: true, termDays: taken.termDays };
  const line = await creditLineOf(organisationId);
  if (!line || !line.active) return { ok: false, reason: 'no_line' };
  if (line.holds.some((hold) => String(hold.orderId) === orderId))
    return { ok: true, termDays: line.termDays };
  return { ok: false, reason: 'short', requiredRupiah: required, availableRupiah: line.availableRupiah };
}

/**
 * Gives a seller order's amount back to the line: its invoice was paid, or it will never be invoiced
 * (rejected, cancelled). Idempotent: the update needs the hold and removes it.
 */
export async function releaseCredit(organisationId: string, sellerOrderId: string): Promise<boolean> {
  const line = await CreditLineModel.findOne(
    { organisationId, 'holds.sellerOrderId': new Types.ObjectId(sellerOrderId) },
    { holds: 1 },
  ).lean<CreditLineDoc>();
  const hold = line?.holds.find((entry) => String(entry.sellerOrderId) === sellerOrderId);
  if (!line || !hold) return false;
  const released = await CreditLineModel.updateOne(
    {
      _id: line._id,
      organisationId,
      holds: trusted({
        $elemMatch: { sellerOrderId: hold.sellerOrderId, amountRupiah: hold.amountRupiah },
      }),
    },
    {
      $inc: { availableRupiah: hold.amountRupiah, outstandingRupiah: -hold.amountRupiah },
      $pull: { holds: { sellerOrderId: hold.sellerOrderId } },
    },
  );
  return released.modifiedCount === 1;
}

/** A checkout that never reached its commit point gives back everything it took. */
export async function releaseCreditOfOrder(organisationId: string, orderId: string): Promise<void> {
  const line = await CreditLineModel.findOne(
    { organisationId, 'holds.orderId': new Types.ObjectId(orderId) },
    { holds: 1 },
  ).lean<CreditLineDoc>();
  const holds = line?.holds.filter((hold) => String(hold.orderId) === orderId) ?? [];
  for (const hold of holds) await releaseCredit(organisationId, String(hold.sellerOrderId));
}
