import { trusted, type Types } from 'mongoose';
import type { z } from 'zod';
import {
  LOCKED_FOR_EDITING,
  type TProductContent,
  type ZListSellerProductsQuery,
} from '../../../shared/contracts/products';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import type { StoragePort } from '../../platform/storage';
import { deletePhotoFiles, retryWhenRaced, type GuardedChange } from '../photos';
import { ProductModel, type ProductDoc } from './product.model';

const notFound = () => new AppError('NOT_FOUND', 'Produk tidak ditemukan.');

/**
 * A new draft. An import passes the product's id, derived from its file row, so that a retried import
 * meets the product it created before on the unique `_id` instead of creating a second one.
 */
export async function createProduct(
  actor: Pick<Actor, 'organisationId' | 'userId'>,
  content: TProductContent,
  productId?: Types.ObjectId,
): Promise<ProductDoc> {
  const created = await ProductModel.create({
    ...(productId ? { _id: productId } : {}),
    organisationId: actor.organisationId,
    status: 'draft',
    content,
    createdByUserId: actor.userId,
  });
  return created.toObject();
}

export async function getProduct(actor: Actor, productId: string): Promise<ProductDoc> {
  const product = await ProductModel.findOne({
    _id: productId,
    organisationId: actor.organisationId,
  }).lean<ProductDoc>();
  if (!product) throw notFound();
  return product;
}

export async function listProducts(actor: Actor, query: z.output<typeof ZListSellerProductsQuery>) {
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  if (query.status) filter.status = query.status;
  if (query.cursor) Object.assign(filter, afterCursor('createdAt', query.cursor, -1));
  const rows = await ProductModel.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<ProductDoc[]>();
  return toPage(rows, query.limit, (product) => product.createdAt);
}

/**
 * Replaces what the seller wrote, field by field: the photos, uploaded one by one, are not part of the
 * form and stay as they are.
 */
export async function updateProduct(
  actor: Actor,
  productId: string,
  content: TProductContent,
): Promise<ProductDoc> {
  const fields = Object.fromEntries(
    Object.entries(content).map(([field, value]) => [`content.${field}`, value]),
  );
  return editWorkingCopy(actor, productId, () => ({ guard: {}, update: { $set: fields } }));
}

/**
 * The editing rule for every change to the working copy (content, photos): not while Dinkop holds it,
 * and a change to an approved (or rejected, or sent-back) product starts a new draft revision. The update
 * is guarded on the status and revision that were read, plus the change's own guard, so a submission
 * racing the edit wins cleanly. `plan` answers null when there is nothing to change.
 */
export async function editWorkingCopy(
  actor: Actor,
  productId: string,
  plan: (current: ProductDoc) => GuardedChange | null | Promise<GuardedChange | null>,
): Promise<ProductDoc> {
  return retryWhenRaced(async () => {
    const current = await getProduct(actor, productId);
    if (LOCKED_FOR_EDITING.includes(current.status)) throw lockedForEditing(current.status);
    const change = await plan(current);
    if (!change) return current;
    const { $set, $push, $pull } = change.update;
    const startsRevision = current.status !== 'draft';
    // A new revision is a move of its own in the audit trail, and what was missing before no longer applies.
    const revisionEntry = {
      from: current.status,
      to: 'draft',
      revision: current.revision + 1,
      byUserId: actor.userId,
      byName: actor.name,
      byOrganisationKind: actor.organisationKind,
      at: new Date(),
    };
    const update = startsRevision
      ? {
          $set: { ...$set, status: 'draft', missingLegality: [] },
          $inc: { revision: 1 },
          $push: { ...$push, history: revisionEntry },
          ...($pull ? { $pull } : {}),
        }
      : change.update;
    return ProductModel.findOneAndUpdate(
      {
        _id: productId,
        organisationId: actor.organisationId,
        status: current.status,
        revision: current.revision,
        ...change.guard,
      },
      update,
      { returnDocument: 'after' },
    ).lean<ProductDoc>();
  });
}

function lockedForEditing(status: string): AppError {
  return new AppError('INVALID_STATE', 'Produk sedang dikurasi Dinkop dan belum dapat diubah.', {
    currentStatus: status,
  });
}

/** Only a product buyers have never seen can disappear; an approved one is withdrawn instead (later). */
export async function deleteProduct(actor: Actor, productId: string, storage: StoragePort): Promise<void> {
  const current = await getProduct(actor, productId);
  const deleted = await ProductModel.findOneAndDelete({
    _id: productId,
    organisationId: actor.organisationId,
    live: null,
    status: trusted({ $nin: LOCKED_FOR_EDITING }),
  }).lean<ProductDoc>();
  if (!deleted) {
    throw new AppError(
      'INVALID_STATE',
      'Produk yang pernah disetujui atau sedang dikurasi tidak dapat dihapus.',
      {
        currentStatus: current.status,
      },
    );
  }
  // Never approved, so there is no live version: the working copy's photos were its only ones.
  await deletePhotoFiles(storage, deleted.content.photos);
}
