import type { z } from 'zod';
import type { ZCreateLegalityDocumentRequest } from '../shared/contracts/legality';
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

/** A complete, valid legality set for a food UMKM in Kabupaten Karawang (NIB, P-IRT 32.15…, halal). */
export const VALID_FOOD_LEGALITY = {
  nib: { type: 'nib', number: '9120001234567', issuer: 'OSS RBA', issuedOn: '2021-03-01', expiresOn: null },
  pirt: {
    type: 'pirt',
    number: '206321501012328',
    issuer: 'Dinkes Karawang',
    issuedOn: '2023-05-02',
    expiresOn: '2028-05-02',
  },
  halal: {
    type: 'halal',
    number: 'ID32110000123450823',
    issuer: 'BPJPH',
    issuedOn: '2024-02-10',
    expiresOn: null,
  },
} as const satisfies Record<string, z.input<typeof ZCreateLegalityDocumentRequest>>;
