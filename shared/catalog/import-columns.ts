/**
 * The columns of a product CSV, by their Indonesian names (the template's header). A header is matched
 * ignoring case, spaces, underscores and punctuation, against the name and its aliases, so "Berat (gram)",
 * "berat_gram" and "Weight grams" all mean the same column.
 */
export const PRODUCT_IMPORT_COLUMNS = {
  nama: { aliases: ['nama_produk', 'name', 'product_name'], required: true },
  deskripsi: { aliases: ['description'], required: true },
  kategori: { aliases: ['category'], required: true },
  satuan: { aliases: ['unit'], required: true },
  berat_gram: { aliases: ['berat', 'weight_grams', 'weight'], required: true },
  harga: { aliases: ['harga_satuan', 'price', 'unit_price'], required: true },
  harga_grosir: { aliases: ['price_tiers', 'tiers'], required: false },
  minimal_order: { aliases: ['minimum_pesanan', 'minimum_order', 'moq'], required: true },
  /** Empty or absent: 1, any quantity may be ordered. */
  kelipatan: { aliases: ['kelipatan_pesanan', 'order_increment'], required: false },
  // A product is either on the shelf or made to order: one of these two columns, one value per row.
  stok: { aliases: ['stock', 'stock_on_hand'], required: false },
  kapasitas_mingguan: { aliases: ['weekly_capacity'], required: false },
  lama_produksi_hari: { aliases: ['waktu_produksi_hari', 'lead_time_days'], required: true },
  /** Empty or absent: the product does not expire. */
  masa_simpan_hari: { aliases: ['shelf_life_days'], required: false },
} as const satisfies Record<string, { aliases: readonly string[]; required: boolean }>;

export type TProductImportColumn = keyof typeof PRODUCT_IMPORT_COLUMNS;
export const PRODUCT_IMPORT_COLUMN_NAMES = Object.keys(PRODUCT_IMPORT_COLUMNS) as TProductImportColumn[];
