import { trusted } from 'mongoose';
import { MAX_ORDER_LINES } from '../../../shared/contracts/orders';
import { AppError } from '../../platform/http/errors';
import type { Actor } from '../../platform/http/route';
import { orderableProducts } from '../catalog';
import { CartModel, type CartDoc } from './order.models';
import { quote, type Quote } from './quote';

type CartOwner = Pick<Actor, 'organisationId' | 'userId'>;
const mine = (actor: CartOwner) => ({ organisationId: actor.organisationId, userId: actor.userId });

export async function getCart(actor: Actor): Promise<Quote> {
  const cart = await CartModel.findOne(mine(actor)).lean<CartDoc>();
  const lines = (cart?.lines ?? []).map((line) => ({
    productId: String(line.productId),
    quantity: line.quantity!,
    name: line.name ?? undefined,
  }));
  return quote(lines);
}

/**
 * Puts a product in the cart at this quantity (or changes it). Any quantity is kept — the cart shows
 * what is wrong with it (below the minimum, off the increment, more than in stock) so the buyer can
 * fix it there — but only products on sale can be added.
 */
export async function setCartLine(actor: Actor, productId: string, quantity: number): Promise<Quote> {
  const product = (await orderableProducts([productId])).get(productId);
  if (!product) throw new AppError('NOT_FOUND', 'Produk tidak ditemukan di katalog.');
  const updated = await CartModel.updateOne(
    { ...mine(actor), 'lines.productId': productId },
    { $set: { 'lines.$.quantity': quantity } },
  );
  if (updated.matchedCount === 0) {
    const added = await CartModel.updateOne(
      { ...mine(actor), [`lines.${MAX_ORDER_LINES - 1}`]: trusted({ $exists: false }) },
      { $push: { lines: { productId, name: product.live.name, quantity, addedAt: new Date() } } },
      { upsert: true },
    ).catch((error: unknown) => {
      // The upsert met a full cart (its filter failed, so it tried to insert a second cart).
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    });
    if (!added) {
      throw new AppError('LIMIT_REACHED', `Keranjang paling banyak berisi ${MAX_ORDER_LINES} produk.`, {
        limit: MAX_ORDER_LINES,
      });
    }
  }
  return getCart(actor);
}

/** Returns how many lines went (0: none of them was in the cart). */
export async function removeCartLines(actor: CartOwner, productIds: readonly string[]): Promise<number> {
  const before = await CartModel.findOne(mine(actor)).lean<CartDoc>();
  const present = (before?.lines ?? []).filter((line) => productIds.includes(String(line.productId))).length;
  if (present === 0) return 0;
  await CartModel.updateOne(mine(actor), { $pull: { lines: { productId: { $in: [...productIds] } } } });
  return present;
}
