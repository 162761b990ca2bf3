/**
 * Word material for the catalog benchmark's products: what UMKM around Karawang sell, named the way they
 * name it, so a search for "kerip" or "sambal" hits as large a share of the catalog as it would for real.
 */
import type { TProductCategory } from '../../shared/catalog/categories';
import type { TProductUnit } from '../../shared/contracts/products';
import type { TLegalityDocumentType } from '../../shared/legality/documents';

export interface CategoryWords {
  items: readonly string[];
  variants: readonly string[];
  /** Pack sizes with their weight in grams; empty when the product is counted in pieces. */
  sizes: ReadonlyArray<readonly [label: string, grams: number]>;
  unit: TProductUnit;
  priceRange: readonly [number, number];
  sentences: readonly string[];
  /** The badges an approval would give a seller whose vault holds these documents. */
  badges: ReadonlyArray<readonly TLegalityDocumentType[]>;
  /** How many of a hundred products are in this category. */
  weight: number;
}

const FOOD_SENTENCES = [
  'Dibuat dari bahan pilihan tanpa pengawet dan pewarna buatan.',
  'Diproduksi setiap hari di dapur rumahan yang bersih dan sudah diperiksa Dinas Kesehatan.',
  'Dikemas dalam standing pouch berzipper sehingga tetap renyah setelah dibuka.',
  'Cocok untuk oleh-oleh, parsel Lebaran, dan suguhan rapat kantor.',
  'Rasanya gurih dan pedasnya pas untuk lidah keluarga.',
  'Tahan hingga tiga bulan dalam kemasan tertutup, simpan di tempat kering.',
  'Sudah bersertifikat halal dan terdaftar P-IRT.',
  'Bisa dicetak label nama perusahaan untuk pesanan hampers.',
];
const CRAFT_SENTENCES = [
  'Dianyam tangan oleh perajin setempat dari bahan alami pilihan.',
  'Cocok untuk wadah parsel, hantaran pernikahan, dan dekorasi rumah.',
  'Bisa pesan motif, warna, dan ukuran khusus untuk pesanan partai besar.',
  'Setiap produk sedikit berbeda karena dikerjakan dengan tangan.',
  'Dikerjakan oleh ibu-ibu kelompok usaha bersama di desa.',
];
const COSMETIC_SENTENCES = [
  'Diracik dari bahan alami tanpa paraben dan pewangi sintetis.',
  'Sudah terdaftar BPOM dan bersertifikat halal.',
  'Cocok untuk amenitas hotel dan suvenir acara kantor.',
  'Lembut di kulit, aman dipakai setiap hari.',
];
export const GENERAL_SENTENCES = [
  'Melayani pesanan koperasi karyawan, hotel, restoran, dan kantor pemerintahan.',
  'Harga grosir bertingkat untuk pembelian dalam jumlah besar.',
  'Pengiriman ke kawasan industri KIIC, Suryacipta, dan KIM setiap minggu.',
  'Produk binaan Dinas Koperasi dan UKM Kabupaten Karawang.',
  'Stok selalu tersedia, pesanan besar mohon konfirmasi jadwal produksi.',
];

const FOOD_BADGES: ReadonlyArray<readonly TLegalityDocumentType[]> = [
  ['nib', 'pirt', 'halal'],
  ['nib', 'pirt', 'halal'],
  ['nib', 'pirt'],
  ['nib', 'bpom_md', 'halal'],
];
const FOOD_SIZES = [
  ['100 g', 100],
  ['150 g', 150],
  ['250 g', 250],
  ['500 g', 500],
  ['1 kg', 1000],
] as const;

export const CATEGORY_WORDS: Partial<Record<TProductCategory, CategoryWords>> = {
  makanan_ringan: {
    items: [
      'Keripik Tempe',
      'Keripik Singkong',
      'Keripik Pisang',
      'Keripik Kentang',
      'Keripik Kaca',
      'Opak Ketan',
      'Rengginang',
      'Kerupuk Udang',
      'Kerupuk Kulit',
      'Emping Melinjo',
      'Basreng',
      'Makaroni Pedas',
      'Kacang Bawang',
      'Seblak Kering',
    ],
    variants: [
      'Original',
      'Pedas',
      'Balado',
      'Pedas Manis',
      'Bawang Putih',
      'Keju',
      'Jagung Bakar',
      'Daun Jeruk',
    ],
    sizes: FOOD_SIZES,
    unit: 'pak',
    priceRange: [8_000, 45_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 24,
  },
  kue_dan_roti: {
    items: [
      'Dodol Ketan',
      'Kue Bawang',
      'Nastar',
      'Kastengel',
      'Putri Salju',
      'Bolu Pandan',
      'Roti Sobek',
      'Kue Semprong',
      'Wajik Ketan',
      'Kembang Goyang',
      'Bolu Kukus',
    ],
    variants: ['Original', 'Keju', 'Pandan', 'Cokelat', 'Gula Aren', 'Durian', 'Nangka'],
    sizes: [
      ['250 g', 250],
      ['500 g', 500],
      ['toples 400 g', 400],
    ],
    unit: 'toples',
    priceRange: [15_000, 95_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 14,
  },
  minuman: {
    items: [
      'Kopi Robusta Bubuk',
      'Kopi Arabika Sangrai',
      'Teh Melati',
      'Sirup Pala',
      'Bandrek Instan',
      'Wedang Jahe Instan',
      'Jamu Kunyit Asam',
      'Sari Lemon',
      'Susu Kedelai',
    ],
    variants: ['Original', 'Gula Aren', 'Tanpa Gula', 'Jahe Merah', 'Sereh', 'Kayu Manis'],
    sizes: [
      ['200 g', 200],
      ['250 ml', 260],
      ['500 ml', 520],
      ['1 liter', 1040],
    ],
    unit: 'botol',
    priceRange: [12_000, 85_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 10,
  },
  bumbu_dan_sambal: {
    items: [
      'Sambal Bawang',
      'Sambal Roa',
      'Sambal Terasi',
      'Sambal Cumi',
      'Sambal Ijo',
      'Sambal Teri',
      'Bumbu Rendang',
      'Bumbu Pecel',
      'Terasi Udang',
      'Bawang Goreng',
    ],
    variants: ['Original', 'Extra Pedas', 'Level 3', 'Level 5', 'Tanpa MSG'],
    sizes: [
      ['botol 150 g', 150],
      ['botol 250 g', 250],
      ['pouch 500 g', 500],
    ],
    unit: 'botol',
    priceRange: [15_000, 60_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 10,
  },
  beras_dan_hasil_tani: {
    items: [
      'Beras Pandan Wangi',
      'Beras Merah',
      'Beras Ketan Putih',
      'Kacang Hijau',
      'Gula Aren Cetak',
      'Gula Semut',
    ],
    variants: ['Premium', 'Organik', 'Medium', 'Super'],
    sizes: [
      ['1 kg', 1000],
      ['5 kg', 5000],
      ['10 kg', 10000],
    ],
    unit: 'kg',
    priceRange: [14_000, 160_000],
    sentences: FOOD_SENTENCES,
    badges: [['nib', 'pirt'], ['nib']],
    weight: 6,
  },
  olahan_ikan_dan_daging: {
    items: [
      'Abon Sapi',
      'Abon Ikan Tongkol',
      'Ikan Asin Jambal Roti',
      'Bandeng Presto',
      'Dendeng Sapi',
      'Rendang Daging',
    ],
    variants: ['Original', 'Pedas', 'Manis', 'Balado'],
    sizes: FOOD_SIZES,
    unit: 'pak',
    priceRange: [25_000, 150_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 6,
  },
  madu_dan_herbal: {
    items: [
      'Madu Hutan',
      'Madu Randu',
      'Madu Kelengkeng',
      'Jahe Merah Bubuk',
      'Temulawak Instan',
      'Minyak Kelapa Murni',
    ],
    variants: ['Murni', 'Original', 'Plus Propolis', 'Premium'],
    sizes: [
      ['250 ml', 330],
      ['500 ml', 650],
      ['1 kg', 1000],
    ],
    unit: 'botol',
    priceRange: [35_000, 220_000],
    sentences: FOOD_SENTENCES,
    badges: FOOD_BADGES,
    weight: 5,
  },
  kerajinan: {
    items: [
      'Keranjang Anyaman Bambu',
      'Tas Anyaman Pandan',
      'Tikar Mendong',
      'Tas Rajut',
      'Dompet Rajut',
      'Kotak Parsel Rotan',
      'Tempat Tisu Eceng Gondok',
    ],
    variants: ['Kecil', 'Sedang', 'Besar', 'Motif Kawung', 'Natural'],
    sizes: [],
    unit: 'pcs',
    priceRange: [20_000, 250_000],
    sentences: CRAFT_SENTENCES,
    badges: [['nib']],
    weight: 8,
  },
  batik_dan_tekstil: {
    items: [
      'Kain Batik Tulis',
      'Kain Batik Cap',
      'Kemeja Batik',
      'Selendang Batik',
      'Sarung Tenun',
      'Totebag Kanvas',
    ],
    variants: ['Motif Parang', 'Motif Megamendung', 'Motif Kawung', 'Motif Padi', 'Motif Bunga Pepaya'],
    sizes: [],
    unit: 'lembar',
    priceRange: [45_000, 650_000],
    sentences: CRAFT_SENTENCES,
    badges: [['nib'], ['nib', 'sni']],
    weight: 6,
  },
  kosmetik_dan_perawatan: {
    items: [
      'Sabun Mandi Herbal',
      'Lulur Mandi',
      'Minyak Rambut Kemiri',
      'Masker Wajah Bengkoang',
      'Balsem Sereh',
    ],
    variants: ['Original', 'Susu Kambing', 'Kopi', 'Beras', 'Sereh Wangi'],
    sizes: [
      ['100 g', 100],
      ['250 g', 250],
    ],
    unit: 'pcs',
    priceRange: [10_000, 90_000],
    sentences: COSMETIC_SENTENCES,
    badges: [['nib', 'bpom_md', 'halal']],
    weight: 5,
  },
  parsel: {
    items: ['Parsel Lebaran', 'Hampers Kue Kering', 'Hampers Kopi Karawang', 'Parsel Sembako'],
    variants: ['Isi 5', 'Isi 8', 'Premium', 'Ekonomis', 'Eksklusif'],
    sizes: [],
    unit: 'set',
    priceRange: [150_000, 1_250_000],
    sentences: [...FOOD_SENTENCES.slice(3, 5), ...CRAFT_SENTENCES.slice(1, 3)],
    badges: [['nib']],
    weight: 6,
  },
};

/** How sellers sign their business: "Keripik Bu Sari", "Dapur Mak Ijah", "Sambal Teh Rina". */
export const SELLER_TITLES = ['Bu', 'Mak', 'Teh', 'Pak', 'Mang', 'Kang', 'Ceu', 'Abah'] as const;
export const SELLER_TRADES = [
  'Dapur',
  'Rumah',
  'Sentra',
  'Galeri',
  'Warung',
  'Kedai',
  'Kriya',
  'Olahan',
] as const;
