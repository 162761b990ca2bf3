import { categoryKind } from '../shared/catalog/categories';
import { todayInWib } from '../shared/time';
import type { Actor } from '../server/platform/http/route';
import type { StoragePort } from '../server/platform/storage';
import {
  approveProduct,
  catalogProductLink,
  createProduct,
  requestChanges,
  startReview,
  submitProduct,
} from '../server/modules/catalog';
import { createDocument } from '../server/modules/legality';
import type { DemoProduct } from './demo-catalog';

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One demo UMKM's vault and products, through the same services the API uses: NIB (and a halal
 * certificate for food) for the whole business, a P-IRT per food product, then each product moved to
 * its demo state by the seller and the curator. `index` keeps document numbers unique and valid.
 */
export async function seedSellerCatalog(
  seller: Actor,
  curator: Actor,
  products: readonly DemoProduct[],
  index: number,
  storage: StoragePort,
): Promise<number> {
  const today = todayInWib();
  const two = String(index).padStart(2, '0');
  const business = (input: {
    type: 'nib' | 'halal' | 'pirt';
    number: string;
    issuer: string;
    expiresOn?: string | null;
    productIds?: string[];
  }) =>
    createDocument(
      seller,
      {
        issuedOn: '2024-03-01',
        expiresOn: input.expiresOn ?? null,
        productIds: input.productIds ?? [],
        type: input.type,
        number: input.number,
        issuer: input.issuer,
      },
      catalogProductLink,
    );

  await business({ type: 'nib', number: `91200012340${two}`, issuer: 'OSS RBA' });
  const food = products.some((product) => categoryKind(product.content.category) === 'food');
  if (food) await business({ type: 'halal', number: `ID3215000012345${two}00`, issuer: 'BPJPH' });

  for (const [position, demo] of products.entries()) {
    const product = await createProduct(seller, demo.content);
    const productId = String(product._id);
    if (categoryKind(demo.content.category) === 'food') {
      await business({
        type: 'pirt',
        number: `2063215${two}${String(position).padStart(4, '0')}24`,
        issuer: 'Dinas Kesehatan Kabupaten Karawang',
        expiresOn: shiftDays(today, demo.pirtValidDays ?? 3 * 365),
        productIds: [productId],
      });
    }
    if (demo.state === 'draft') continue;
    await submitProduct(seller, productId);
    if (demo.state === 'submitted') continue;
    await startReview(curator, productId);
    if (demo.state === 'approved') {
      await approveProduct(curator, productId, 'Kemasan rapi, label lengkap.', storage);
    } else {
      await requestChanges(curator, productId, {
        changes: [{ item: 'photos', note: 'Tambahkan foto produk dengan latar polos dan label terbaca.' }],
      });
    }
  }
  return products.length;
}
