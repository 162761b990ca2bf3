import type { TProductContent } from '../shared/contracts/products';

/** Where a demo product ends up: on sale, waiting for a curator, or sent back to its seller. */
export type TDemoProductState = 'approved' | 'submitted' | 'changes_requested' | 'draft';

export interface DemoProduct {
  state: TDemoProductState;
  /** Days until its own P-IRT expires (food only); a short one shows the expiry warnings in the demo. */
  pirtValidDays?: number;
  content: TProductContent;
}

const base = {
  priceTiers: [],
  minimumOrder: 10,
  orderIncrement: 10,
  supply: { mode: 'capacity', weeklyCapacity: 1_000 },
  leadTimeDays: 3,
  shelfLifeDays: 90,
} satisfies Partial<TProductContent>;

/** Two or three products per verified demo UMKM, by its slug in demo-data.ts. */
export const DEMO_CATALOG: Record<string, DemoProduct[]> = {
  'keripik-tempe-klari': [
    {
      state: 'approved',
      content: {
        ...base,
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
        supply: { mode: 'capacity', weeklyCapacity: 2_000 },
        leadTimeDays: 5,
        shelfLifeDays: 120,
      },
    },
    {
      state: 'approved',
      pirtValidDays: 20,
      content: {
        ...base,
        name: 'Keripik Tempe Pedas Daun Jeruk 200 g',
        description:
          'Keripik tempe dengan bumbu cabai dan daun jeruk, pedasnya pas untuk teman kerja lembur.',
        category: 'makanan_ringan',
        unit: 'pak',
        weightGrams: 200,
        price: 16_000,
        priceTiers: [{ minQuantity: 200, unitPrice: 14_500 }],
      },
    },
    {
      state: 'submitted',
      content: {
        ...base,
        name: 'Parsel Lebaran Keripik Nusantara',
        description: 'Parsel berisi enam toples keripik tempe, singkong dan pisang dalam kemasan anyaman.',
        category: 'parsel',
        unit: 'set',
        weightGrams: 1_800,
        price: 185_000,
        minimumOrder: 10,
        orderIncrement: 5,
        leadTimeDays: 14,
      },
    },
  ],
  'opak-rengasdengklok': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Opak Ketan Bakar 20 lembar',
        description: 'Opak ketan khas Rengasdengklok dibakar di atas arang, gurih dan renyah tanpa pengawet.',
        category: 'makanan_ringan',
        unit: 'pak',
        weightGrams: 300,
        price: 12_000,
        priceTiers: [{ minQuantity: 100, unitPrice: 10_500 }],
        minimumOrder: 50,
      },
    },
    {
      state: 'changes_requested',
      content: {
        ...base,
        name: 'Rengginang Terasi',
        description:
          'Rengginang beras ketan dengan terasi udang, digoreng sendiri di rumah sebelum disajikan.',
        category: 'makanan_ringan',
        unit: 'pak',
        weightGrams: 500,
        price: 18_000,
      },
    },
  ],
  'kopi-karawang-barat': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Kopi Robusta Tanjungpura Bubuk 250 g',
        description: 'Kopi robusta sangrai sedang dari petani Karawang, digiling halus untuk kopi tubruk.',
        category: 'minuman',
        unit: 'pak',
        weightGrams: 250,
        price: 32_000,
        priceTiers: [
          { minQuantity: 50, unitPrice: 29_000 },
          { minQuantity: 200, unitPrice: 27_000 },
        ],
        shelfLifeDays: 365,
      },
    },
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Kopi Susu Gula Aren Botol 250 ml',
        description: 'Kopi susu dengan gula aren asli, dibuat harian untuk kantin kantor dan koperasi.',
        category: 'minuman',
        unit: 'botol',
        weightGrams: 280,
        price: 14_000,
        minimumOrder: 24,
        orderIncrement: 12,
        leadTimeDays: 2,
        shelfLifeDays: 5,
      },
    },
  ],
  'batik-telukjambe': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Kain Batik Tulis Motif Padi Karawang',
        description: 'Batik tulis motif padi dan pangkal bambu, kain katun primisima 2 x 1,15 meter.',
        category: 'batik_dan_tekstil',
        unit: 'lembar',
        weightGrams: 300,
        price: 450_000,
        minimumOrder: 5,
        orderIncrement: 1,
        supply: { mode: 'stock', stockOnHand: 40 },
        leadTimeDays: 7,
        shelfLifeDays: null,
      },
    },
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Seragam Batik Cap Kantor',
        description:
          'Kemeja batik cap untuk seragam kantor dan koperasi, ukuran S sampai XXL, bisa pesan motif.',
        category: 'batik_dan_tekstil',
        unit: 'pcs',
        weightGrams: 250,
        price: 175_000,
        priceTiers: [{ minQuantity: 100, unitPrice: 160_000 }],
        minimumOrder: 20,
        leadTimeDays: 21,
        shelfLifeDays: null,
      },
    },
  ],
  'dodol-cikampek': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Dodol Ketan Hitam 500 g',
        description: 'Dodol ketan hitam diaduk delapan jam di kawah tembaga, manis legit dan tidak lengket.',
        category: 'kue_dan_roti',
        unit: 'kotak',
        weightGrams: 500,
        price: 35_000,
        priceTiers: [{ minQuantity: 100, unitPrice: 31_000 }],
        leadTimeDays: 4,
        shelfLifeDays: 60,
      },
    },
  ],
  'madu-pangkalan': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Madu Hutan Pangkalan 500 ml',
        description:
          'Madu hutan murni dari lebah liar perbukitan Pangkalan, dipanen lestari tanpa campuran gula.',
        category: 'madu_dan_herbal',
        unit: 'botol',
        weightGrams: 700,
        price: 95_000,
        minimumOrder: 6,
        orderIncrement: 6,
        supply: { mode: 'stock', stockOnHand: 240 },
        shelfLifeDays: 730,
      },
    },
  ],
  'kerupuk-jatisari': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Kerupuk Kulit Sapi Mentah 1 kg',
        description: 'Kerupuk kulit sapi (rambak) mentah siap goreng untuk rumah makan dan katering.',
        category: 'makanan_ringan',
        unit: 'kg',
        weightGrams: 1_000,
        price: 120_000,
        minimumOrder: 5,
        orderIncrement: 5,
        shelfLifeDays: 180,
      },
    },
  ],
  'anyaman-tegalwaru': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Keranjang Parsel Anyaman Bambu',
        description: 'Keranjang anyaman bambu untuk parsel Lebaran dan hantaran, ukuran 30 x 20 cm.',
        category: 'kerajinan',
        unit: 'pcs',
        weightGrams: 400,
        price: 25_000,
        priceTiers: [{ minQuantity: 500, unitPrice: 21_000 }],
        minimumOrder: 50,
        leadTimeDays: 10,
        shelfLifeDays: null,
      },
    },
    {
      state: 'draft',
      content: {
        ...base,
        name: 'Tampah Bambu Diameter 50 cm',
        description: 'Tampah anyaman bambu untuk tumpeng dan sajian nasi liwet, dibuat perajin Tegalwaru.',
        category: 'kerajinan',
        unit: 'pcs',
        weightGrams: 350,
        price: 30_000,
        shelfLifeDays: null,
      },
    },
  ],
  'emping-cilamaya': [
    {
      state: 'approved',
      content: {
        ...base,
        name: 'Emping Melinjo Super 1 kg',
        description: 'Emping melinjo tipis dari Cilamaya, ditumbuk manual dan dijemur matahari, siap goreng.',
        category: 'makanan_ringan',
        unit: 'kg',
        weightGrams: 1_000,
        price: 110_000,
        minimumOrder: 5,
        orderIncrement: 5,
        shelfLifeDays: 180,
      },
    },
  ],
};
