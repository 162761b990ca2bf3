import type { TProductContent } from '../shared/contracts/products';

/** A realistic product from a Klari UMKM; tests override what they exercise. */
export const KERIPIK_TEMPE: TProductContent = {
  name: 'Keripik Tempe Original 250 g',
  description: 'Keripik tempe renyah dari kedelai lokal, digoreng dengan minyak baru setiap pagi.',
  category: 'makanan_ringan',
  unit: 'pak',
  weightGrams: 250,
  price: 15_000,
  priceTiers: [
    { minQuantity: 100, unitPrice: 13_500 },
    { minQuantity: 1_000, unitPrice: 12_000 },
  ],
  minimumOrder: 20,
  orderIncrement: 10,
  supply: { mode: 'capacity', weeklyCapacity: 2_000 },
  leadTimeDays: 5,
  shelfLifeDays: 120,
};
