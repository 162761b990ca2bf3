/**
 * The shared zod schemas carry their own Indonesian messages (e.g. 'Kata sandi minimal 10 karakter'),
 * and the server writes a few more into `details.issues`. A message written into a schema wins over
 * zod's locale, so in English those would stay Indonesian: this table gives their English text.
 * A message missing here is shown as it is.
 */
export const SHARED_MESSAGES_EN: Record<string, string> = {
  'Kata sandi wajib diisi': 'Password is required',
  'Tidak ada perubahan': 'Nothing has changed',
  'ID tidak valid': 'Invalid ID',
  'ID foto tidak valid': 'Invalid photo ID',
  'Urutan harus memuat setiap foto tepat satu kali': 'The order must list every photo exactly once',
  'Alamat e-mail tidak valid': 'Invalid e-mail address',
  'Nomor telepon tidak valid, contoh: 0812 3456 7890': 'Invalid phone number, for example: 0812 3456 7890',
  'Kata sandi minimal 10 karakter': 'Password must be at least 10 characters',
  'Kata sandi maksimal 128 karakter': 'Password must be at most 128 characters',
  'Kata sandi harus berisi huruf dan angka': 'Password must contain letters and digits',
  'Nama minimal 2 karakter': 'Name must be at least 2 characters',
  'Nama organisasi minimal 3 karakter': 'Organisation name must be at least 3 characters',
  'Pilih minimal satu peran': 'Choose at least one role',
  'Alasan minimal 10 karakter, agar pendaftar tahu apa yang harus diperbaiki':
    'Reason must be at least 10 characters, so the applicant knows what to fix',
  'Kode provinsi tidak valid': 'Invalid province code',
  'Kode kabupaten/kota tidak valid': 'Invalid regency/city code',
  'Kode kecamatan tidak valid': 'Invalid district (kecamatan) code',
  'Kode desa/kelurahan tidak valid': 'Invalid village code',
  'Alamat jalan minimal 5 karakter': 'Street address must be at least 5 characters',
  'Kode pos 5 angka': 'Postal code is 5 digits',
  'NPWP harus 16 angka': 'NPWP must be 16 digits',
  'Nama bank wajib diisi': 'Bank name is required',
  'Nomor rekening 5–20 angka': 'Account number is 5–20 digits',
  'Nama pemilik rekening wajib diisi': 'Account holder name is required',
  'Cerita usaha maksimal 1000 karakter': 'The business story can be at most 1000 characters',
  'Kategori produk tidak dikenal': 'Unknown product category',
  'Jenis dokumen legalitas tidak dikenal': 'Unknown legality document type',
  'Nomor dokumen wajib diisi': 'Document number is required',
  'Nomor dokumen terlalu panjang': 'Document number is too long',
  'Nomor dokumen maksimal 100 karakter': 'Document number can be at most 100 characters',
  'Penerbit wajib diisi': 'Issuer is required',
  'Tanggal harus berformat TTTT-BB-HH': 'Date must be in the YYYY-MM-DD format',
  'Tanggal kedaluwarsa harus setelah tanggal terbit': 'The expiry date must be after the date of issue',
  'NIB harus 13 angka, contoh: 9120001234567': 'NIB must be 13 digits, for example: 9120001234567',
  'Nomor P-IRT harus 15 angka (termasuk 2 angka tahun di akhir), contoh: 2063215010123-25':
    'The P-IRT number must be 15 digits (including the 2-digit year at the end), for example: 2063215010123-25',
  'Nomor ini berawalan ML (produk impor); pilih jenis dokumen "BPOM ML"':
    'This number starts with ML (imported product); choose the document type "BPOM ML"',
  'Nomor ini berawalan MD (produk dalam negeri); pilih jenis dokumen "BPOM MD"':
    'This number starts with MD (domestic product); choose the document type "BPOM MD"',
  'Nomor izin edar BPOM MD harus "MD" diikuti 12 angka, contoh: MD 224510001234':
    'A BPOM MD registration number is "MD" followed by 12 digits, for example: MD 224510001234',
  'Nomor izin edar BPOM ML harus "ML" diikuti 12 angka, contoh: ML 224510001234':
    'A BPOM ML registration number is "ML" followed by 12 digits, for example: ML 224510001234',
  'Nomor sertifikat halal harus "ID" diikuti 14 sampai 17 angka, contoh: ID32110000123450823':
    'A halal certificate number is "ID" followed by 14 to 17 digits, for example: ID32110000123450823',
  'Nomor sertifikat SNI wajib diisi': 'The SNI certificate number is required',
  // shared/contracts/products.ts (the seller's product form)
  'Satuan tidak dikenal': 'Unknown unit',
  'Nama produk minimal 3 karakter': 'Product name must be at least 3 characters',
  'Deskripsi minimal 20 karakter agar pembeli paham produknya':
    'Description must be at least 20 characters so buyers understand the product',
  'Berat minimal 1 gram': 'Weight must be at least 1 gram',
  'Maksimal 5 tingkat harga': 'At most 5 price tiers',
  'Waktu produksi maksimal 90 hari': 'Time to ship can be at most 90 days',
  'Stok tidak boleh negatif': 'Stock cannot be negative',
  'Harga harus berupa angka': 'Price must be a number',
  'Harga dalam rupiah bulat, tanpa sen': 'Price is in whole rupiah, without cents',
  'Harga minimal Rp 1': 'Price must be at least Rp 1',
  'Harga terlalu besar': 'Price is too large',
  'Harga tingkat harus berupa angka': 'Tier price must be a number',
  'Harga tingkat dalam rupiah bulat, tanpa sen': 'Tier price is in whole rupiah, without cents',
  'Harga tingkat minimal Rp 1': 'Tier price must be at least Rp 1',
  'Harga tingkat terlalu besar': 'Tier price is too large',
  'Jumlah minimum tingkat harga harus berupa angka': "The tier's minimum quantity must be a number",
  'Jumlah minimum tingkat harga harus bilangan bulat': "The tier's minimum quantity must be a whole number",
  'Jumlah minimum tingkat harga minimal 1': "The tier's minimum quantity must be at least 1",
  'Minimum pesanan harus berupa angka': 'Minimum order must be a number',
  'Minimum pesanan harus bilangan bulat': 'Minimum order must be a whole number',
  'Minimum pesanan minimal 1': 'Minimum order must be at least 1',
  'Kelipatan pesanan harus berupa angka': 'Order increment must be a number',
  'Kelipatan pesanan harus bilangan bulat': 'Order increment must be a whole number',
  'Kelipatan pesanan minimal 1': 'Order increment must be at least 1',
  'Kapasitas produksi per minggu harus berupa angka': 'Weekly production capacity must be a number',
  'Kapasitas produksi per minggu harus bilangan bulat': 'Weekly production capacity must be a whole number',
  'Kapasitas produksi per minggu minimal 1': 'Weekly production capacity must be at least 1',
  // shared/legality/requirements.ts (why a product waits in needs_legality)
  'Setiap UMKM wajib memiliki NIB (Nomor Induk Berusaha) dari OSS':
    'Every UMKM must have an NIB (business identification number) from OSS',
  'Produk pangan wajib memiliki P-IRT atau izin edar BPOM (MD/ML)':
    'Food products must have a P-IRT or a BPOM registration (MD/ML)',
  'Produk pangan wajib bersertifikat halal mulai 17 Oktober 2026':
    'Food products must be halal-certified from 17 October 2026',
  'Produk kosmetik wajib memiliki izin edar BPOM': 'Cosmetics must have a BPOM registration',
  'Produk kosmetik wajib bersertifikat halal mulai 17 Oktober 2026':
    'Cosmetics must be halal-certified from 17 October 2026',
  // shared/contracts/products.ts (Dinkop's curation decisions)
  'Tulis apa yang perlu diperbaiki (minimal 5 karakter)': 'Write what needs fixing (at least 5 characters)',
  'Pilih minimal satu hal yang perlu diperbaiki': 'Choose at least one thing that needs fixing',
  'Alasan minimal 10 karakter': 'The reason must be at least 10 characters',
  // shared/contracts/catalog.ts (the buyer's catalog filters)
  'Harga maksimum harus lebih besar dari harga minimum': 'The highest price must be above the lowest price',
  'Harga minimum harus angka': 'The lowest price must be a number',
  'Harga maksimum harus angka': 'The highest price must be a number',
  'Minimum pesanan harus angka': 'The minimum order must be a number',
  'Waktu produksi harus angka': 'The time to ship must be a number',
  // shared/contracts/orders.ts (cart, checkout and the order moves)
  'Jumlah harus angka': 'The quantity must be a number',
  'Jumlah harus bilangan bulat': 'The quantity must be a whole number',
  'Jumlah minimal 1': 'The quantity must be at least 1',
  'Jumlah terlalu besar': 'The quantity is too large',
  'Keranjang masih kosong': 'The cart is empty',
  'Produk yang sama muncul dua kali': 'The same product appears twice',
  'Nomor PO maksimal 60 karakter': 'The PO number can be at most 60 characters',
  'Catatan maksimal 1000 karakter': 'Notes can be at most 1000 characters',
  'Nama kurir wajib diisi': 'The courier name is required',
  'Nomor resi wajib diisi': 'The tracking number is required',
  'Nomor BAST wajib diisi': 'The BAST number is required',
  // shared/contracts/delivery-locations.ts (a buyer organisation's delivery locations)
  'Nama lokasi minimal 3 karakter': 'The location name must be at least 3 characters',
  'Nama lokasi maksimal 80 karakter': 'The location name can be at most 80 characters',
  'Catatan untuk kurir maksimal 300 karakter': 'The note for the courier can be at most 300 characters',
  // written by the server (server/modules/**), not by the shared schemas
  'Produk ini tidak lagi dijual di katalog': 'This product is no longer on sale in the catalog',
  'E-mail sudah terdaftar': 'This e-mail is already registered',
  'Kata sandi saat ini salah': 'The current password is wrong',
  'Peran tidak sesuai jenis organisasi': 'A role does not fit this kind of organisation',
  'Kursor tidak valid': 'Invalid cursor',
  'Kecamatan tidak dikenal.': 'Unknown district (kecamatan).',
  'Desa/kelurahan tidak ada di kecamatan ini.': 'This village is not in the chosen district.',
  'Pengusaha Kena Pajak (PKP) wajib mengisi NPWP': 'A VAT-registered business (PKP) must fill in its NPWP',
  'NIB ini sudah dipakai UMKM lain. Hubungi Dinkop bila ini usaha Anda.':
    'This NIB is already used by another UMKM. Contact Dinkop if it is your business.',
  'Tanggal terbit tidak boleh di masa depan': 'The date of issue cannot be in the future',
  'Nomor ini sudah terdaftar': 'This number is already recorded',
  'Nama lokasi sudah dipakai': 'This location name is already used',
  'Lokasi pengiriman tidak ditemukan': 'Delivery location not found',
  // server/modules/catalog/product-import.* (a product CSV: its rows, the file, the job)
  'Wajib diisi': 'Required',
  'Tulis angka bulat tanpa koma, contoh: 1000': 'Write a whole number without decimals, for example: 1000',
  'Tulis harga dalam rupiah bulat, contoh: 15000 atau Rp 15.000':
    'Write the price in whole rupiah, for example: 15000 or Rp 15.000',
  'Tulis harga grosir sebagai jumlah:harga dipisah |, contoh: 100:13500|1000:12000':
    'Write bulk prices as quantity:price separated by |, for example: 100:13500|1000:12000',
  'Isi stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan)':
    'Fill in stok (ready to ship) or kapasitas_mingguan (made to order)',
  'Isi salah satu saja: stok atau kapasitas_mingguan, tidak keduanya':
    'Fill in only one of stok and kapasitas_mingguan, not both',
  'Baris ini berisi lebih banyak kolom daripada judul kolom; periksa pemisah dan tanda kutip':
    'This row has more cells than there are column headers; check the separators and quotes',
  'Baris pertama berkas harus berisi judul kolom, seperti di templat.':
    'The first row of the file must hold the column headers, as in the template.',
  'Berkas belum berisi produk: isi satu produk per baris di bawah judul kolom.':
    'The file has no products yet: write one product per row below the column headers.',
  'Perlu kolom stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan).':
    'A stok (ready to ship) or kapasitas_mingguan (made to order) column is needed.',
  'Berkas impor tidak ditemukan lagi di penyimpanan. Unggah ulang berkasnya.':
    'The import file is no longer in storage. Upload the file again.',
  'Impor terhenti karena gangguan di server. Draf yang sudah dibuat tetap tersimpan; periksa daftar produk sebelum mengunggah ulang.':
    'The import stopped because of a server problem. Drafts already created are kept; check the product list before uploading again.',
  // shared/contracts/credit.ts: a Dinkop admin's credit line
  'Tempo harus 14, 30 atau 45 hari': 'Terms must be 14, 30 or 45 days',
  'Batas kredit harus angka': 'The credit limit must be a number',
  'Batas kredit dalam rupiah utuh': 'The credit limit is in whole rupiah',
  'Batas kredit tidak boleh negatif': 'The credit limit cannot be negative',
  'Batas kredit maksimal Rp10.000.000.000': 'The credit limit can be at most Rp10,000,000,000',
};

/** Shared messages with a value inside (the digits the seller typed): matched whole, value carried over. */
const SHARED_MESSAGE_PATTERNS_EN: ReadonlyArray<[RegExp, (...values: string[]) => string]> = [
  [
    /^Angka ke-4 sampai ke-7 nomor P-IRT \((\d{4})\) bukan kode kabupaten\/kota yang dikenal\. Periksa kembali nomor pada sertifikat SPP-IRT\.$/,
    (digits) =>
      `Digits 4 to 7 of the P-IRT number (${digits}) are not a known regency/city code. Check the number on the SPP-IRT certificate again.`,
  ],
  [
    /^Minimum pesanan harus kelipatan (\d+) \(kelipatan pesanan\)$/,
    (increment) => `The minimum order must be a multiple of ${increment} (the order increment)`,
  ],
  [
    /^Jumlah minimum harus lebih dari (\d+)$/,
    (previous) => `The minimum quantity must be more than ${previous}`,
  ],
  [
    /^Harga tingkat harus lebih murah dari (Rp [\d.]+)$/,
    (previous) => `The tier price must be cheaper than ${previous}`,
  ],
  [
    /^Kolom tidak dikenal: (.+)\. Pakai judul kolom seperti di templat\.$/,
    (columns) => `Unknown columns: ${columns}. Use the column headers of the template.`,
  ],
  // server/modules/orders/quote.ts and placement.service.ts: a cart line or checkout issue
  [/^Minimum pesanan (\d+) (\w+)$/, (quantity, unit) => `Minimum order ${quantity} ${unit}`],
  [
    /^Jumlah harus kelipatan (\d+) (\w+)$/,
    (increment, unit) => `The quantity must be a multiple of ${increment} ${unit}`,
  ],
  [/^Stok tersedia (\d+) (\w+)$/, (available, unit) => `${available} ${unit} in stock`],
  [
    /^Tanggal kirim paling cepat (\d{4}-\d{2}-\d{2}) \(waktu produksi terlama\)$/,
    (date) => `The earliest delivery date is ${date} (the longest production time)`,
  ],
  [/^Maksimal (\d+) produk per pesanan$/, (max) => `At most ${max} products per order`],
  [/^Kolom ditulis lebih dari sekali: (.+)\.$/, (columns) => `Columns written more than once: ${columns}.`],
  [/^Kolom wajib belum ada: (.+)\.$/, (columns) => `Required columns missing: ${columns}.`],
  [
    /^Berkas tidak dapat dibaca sebagai CSV(?: di sekitar baris (\d+))?: ada tanda kutip \("\) yang tidak ditutup atau salah tempat\.$/,
    (line) =>
      `The file cannot be read as CSV${line ? ` around line ${line}` : ''}: a quote (") is not closed or is out of place.`,
  ],
  [
    /^Berkas berisi ([\d.]+) baris produk; maksimal ([\d.]+) baris per impor\. Bagi menjadi beberapa berkas\.$/,
    (rows, max) =>
      `The file has ${rows} product rows; at most ${max} rows per import. Split it into several files.`,
  ],
];

function patternMatch(message: string): string | undefined {
  for (const [pattern, english] of SHARED_MESSAGE_PATTERNS_EN) {
    const match = pattern.exec(message);
    if (match) return english(...match.slice(1));
  }
  return undefined;
}

export function isSharedMessage(message: string): boolean {
  return Object.hasOwn(SHARED_MESSAGES_EN, message) || patternMatch(message) !== undefined;
}

/** The English text of a shared message, or undefined when it has none. */
export function sharedMessageEn(message: string): string | undefined {
  return Object.hasOwn(SHARED_MESSAGES_EN, message) ? SHARED_MESSAGES_EN[message] : patternMatch(message);
}
