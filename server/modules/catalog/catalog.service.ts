import { trusted } from 'mongoose';
import type { z } from 'zod';
import {
  LOCKED_FOR_EDITING,
  type TProductContent,
  type ZListSellerProductsQuery,
} from '../../../shared/contracts/products';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { afterCursor, toPage } from '../../platform/pagination';
import { ProductModel, type ProductDoc } from './product.model';

const notFound = () => new AppError('NOT_FOUND', 'Produk tidak ditemukan.');

export async function createProduct(actor: Actor, content: TProductContent): Promise<ProductDoc> {
  const created = await ProductModel.create({
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
 * Replaces the working copy, guarded on a status that allows editing so a submission racing the edit
 * wins cleanly. Editing an approved (or rejected, or sent-back) product starts a new draft revision.
 */
export async function updateProduct(
  actor: Actor,
  productId: string,
  content: TProductContent,
): Promise<ProductDoc> {
  const current = await getProduct(actor, productId);
  if (LOCKED_FOR_EDITING.includes(current.status)) throw lockedForEditing(current.status);
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
  const updated = await ProductModel.findOneAndUpdate(
    {
      _id: productId,
      organisationId: actor.organisationId,
      status: current.status,
      revision: current.revision,
    },
    startsRevision
      ? {
          $set: { content, status: 'draft', missingLegality: [] },
          $inc: { revision: 1 },
          $push: { history: revisionEntry },
        }
      : { $set: { content } },
    { returnDocument: 'after' },
  ).lean<ProductDoc>();
  if (!updated) throw lockedForEditing((await getProduct(actor, productId)).status);
  return updated;
}

function lockedForEditing(status: string): AppError {
  return new AppError('INVALID_STATE', 'Produk sedang dikurasi Dinkop dan belum dapat diubah.', {
    currentStatus: status,
  });
}

/** Only a product buyers have never seen can disappear; an approved one is withdrawn instead (later). */
export async function deleteProduct(actor: Actor, productId: string): Promise<void> {
  const current = await getProduct(actor, productId);
  const deleted = await ProductModel.deleteOne({
    _id: productId,
    organisationId: actor.organisationId,
    live: null,
    status: trusted({ $nin: LOCKED_FOR_EDITING }),
  });
  if (deleted.deletedCount === 0) {
    throw new AppError(
      'INVALID_STATE',
      'Produk yang pernah disetujui atau sedang dikurasi tidak dapat dihapus.',
      {
        currentStatus: current.status,
      },
    );
  }
}
