import { KERIPIK_TEMPE } from '../../../test/fixtures';
import { productFromRow, productImportTemplate, readProductCsv, type ProductCsv } from './product-import.csv';

const HEADER_ID =
  'nama;deskripsi;kategori;satuan;berat_gram;harga;harga_grosir;minimal_order;kelipatan;stok;kapasitas_mingguan;lama_produksi_hari;masa_simpan_hari';
const DESCRIPTION = 'Keripik tempe renyah dari kedelai lokal, digoreng dengan minyak baru setiap pagi.';
const ROW_ID = `Keripik Tempe Original 250 g;${DESCRIPTION};makanan_ringan;pak;250;15000;100:13500|1000:12000;20;10;;2000;5;120`;

function readOk(text: string): ProductCsv {
  const read = readProductCsv(text);
  if (!read.ok) throw new Error(`expected a readable file, got: ${read.problems.join(' ')}`);
  return read.csv;
}

/** The products (or the row errors) of a file whose header is fine. */
function importRows(text: string) {
  const csv = readOk(text);
  return csv.rows.map((row) => ({ row: row.row, ...productFromRow(row, csv.headers) }));
}

/** One row under the Indonesian header, with some cells replaced. */
function rowWith(cells: Record<string, string>): string {
  const header = HEADER_ID.split(';');
  const values = ROW_ID.split(';');
  for (const [column, value] of Object.entries(cells)) values[header.indexOf(column)] = value;
  return `${HEADER_ID}\n${values.join(';')}\n`;
}

function errorsOf(text: string) {
  const [only] = importRows(text);
  if (!only || only.ok) throw new Error('expected row errors');
  return only.errors;
}

describe('reading the file', () => {
  it('imports its own template as it is: BOM, semicolons, Indonesian headers, "Rp 15.000"', () => {
    const template = productImportTemplate();
    expect(template.startsWith('\uFEFF')).toBe(true);
    expect(importRows(template)).toEqual([{ row: 2, ok: true, content: KERIPIK_TEMPE }]);
  });

  it('reads commas, English headers in any case and spacing, and CRLF line ends', () => {
    const text = [
      'Name,Description,CATEGORY,Unit,Weight Grams,price,Price_Tiers,minimum order,Order-Increment,Stock On Hand,Weekly Capacity,Lead Time Days,Shelf Life Days',
      `Keripik Tempe Original 250 g,"${DESCRIPTION}",makanan_ringan,pak,250,15000,100:13500|1000:12000,20,10,,2000,5,120`,
    ].join('\r\n');
    expect(importRows(text)).toEqual([{ row: 2, ok: true, content: KERIPIK_TEMPE }]);
  });

  it('reads mixed line ends, as when rows were added to a file in another program', () => {
    const row = ROW_ID.replace('Keripik Tempe Original 250 g', 'Produk');
    const rows = importRows(`${HEADER_ID}\r\n${row}\n${row}\r${row}\r\n`);
    expect(rows.map((one) => [one.row, one.ok])).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('keeps separators and line breaks inside quoted cells, and counts rows as a spreadsheet does', () => {
    const text = [
      HEADER_ID,
      `"Keripik; pedas";"Renyah; gurih, dan pedas.\nTanpa pengawet, tahan 4 bulan.";makanan_ringan;pak;250;15000;;20;10;;2000;5;120`,
      '',
      `"Sambal ""Bu Ani""";"Sambal bawang; pedas level 3,\ndibuat segar setiap hari";bumbu_dan_sambal;botol;200;25000;;12;6;50;;1;30`,
    ].join('\n');
    const rows = importRows(text);
    expect(rows.map((row) => row.row)).toEqual([2, 4]);
    expect(rows[0]).toMatchObject({
      ok: true,
      content: {
        name: 'Keripik; pedas',
        description: 'Renyah; gurih, dan pedas.\nTanpa pengawet, tahan 4 bulan.',
      },
    });
    expect(rows[1]).toMatchObject({
      ok: true,
      content: { name: 'Sambal "Bu Ani"', supply: { mode: 'stock', stockOnHand: 50 }, priceTiers: [] },
    });
  });

  it('takes a quote inside an unquoted cell as text (12" x 8")', () => {
    const [row] = importRows(rowWith({ deskripsi: 'Taplak batik tulis 12" x 8", motif mega mendung.' }));
    expect(row).toMatchObject({
      ok: true,
      content: { description: 'Taplak batik tulis 12" x 8", motif mega mendung.' },
    });
  });

  it('refuses unknown, repeated and missing columns before reading any row, naming them all', () => {
    const read = readProductCsv('nama;warna;harga;Harga;kategori\nA;merah;1;2;lainnya\n');
    expect(read).toEqual({
      ok: false,
      problems: [
        'Kolom tidak dikenal: warna. Pakai judul kolom seperti di templat.',
        'Kolom ditulis lebih dari sekali: Harga.',
        'Kolom wajib belum ada: deskripsi, satuan, berat_gram, minimal_order, lama_produksi_hari.',
        'Perlu kolom stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan).',
      ],
    });
  });

  it('refuses an empty file, a file without products, a broken quote and more than 1,000 rows', () => {
    expect(readProductCsv('\uFEFF')).toMatchObject({ ok: false });
    expect(readProductCsv(`${HEADER_ID}\n;;;\n\n`)).toEqual({
      ok: false,
      problems: ['Berkas belum berisi produk: isi satu produk per baris di bawah judul kolom.'],
    });
    expect(readProductCsv(`${HEADER_ID}\n"Keripik;tanpa tutup kutip;lainnya\n`)).toEqual({
      ok: false,
      problems: [
        'Berkas tidak dapat dibaca sebagai CSV di sekitar baris 2: ada tanda kutip (") yang tidak ditutup atau salah tempat.',
      ],
    });
    const rows = Array.from({ length: 1_001 }, () => ROW_ID.split(';').slice(1).join(';'));
    expect(readProductCsv(`${HEADER_ID}\n${rows.map((row) => `Produk;${row}`).join('\n')}`)).toEqual({
      ok: false,
      problems: [
        'Berkas berisi 1.001 baris produk; maksimal 1.000 baris per impor. Bagi menjadi beberapa berkas.',
      ],
    });
    expect(
      readOk(
        `${HEADER_ID}\n${rows
          .slice(1)
          .map((row) => `Produk;${row}`)
          .join('\n')}`,
      ).rows,
    ).toHaveLength(1_000);
  });
});

describe('a row as product content', () => {
  it.each([
    ['15000', 15_000],
    ['15.000', 15_000],
    ['Rp 15.000', 15_000],
    ['Rp15.000,00', 15_000],
    ['IDR 1,250,000', 1_250_000],
  ])('reads the price %s as %d rupiah', (written, rupiah) => {
    expect(importRows(rowWith({ harga: written }))[0]).toMatchObject({
      ok: true,
      content: { price: rupiah },
    });
  });

  it('accepts a category by its Indonesian label and "buah" for pcs; defaults increment and shelf life', () => {
    const [row] = importRows(
      rowWith({
        kategori: 'Makanan Ringan',
        satuan: 'Buah',
        kelipatan: '',
        masa_simpan_hari: '',
        minimal_order: '25',
      }),
    );
    expect(row).toMatchObject({
      ok: true,
      content: {
        category: 'makanan_ringan',
        unit: 'pcs',
        orderIncrement: 1,
        minimumOrder: 25,
        shelfLifeDays: null,
      },
    });
  });

  it('reports price tiers that do not get cheaper, in the words of the product form', () => {
    expect(errorsOf(rowWith({ harga_grosir: '100:15000|50:14000' }))).toEqual([
      { column: 'harga_grosir', message: 'Harga tingkat harus lebih murah dari Rp 15.000' },
      { column: 'harga_grosir', message: 'Jumlah minimum harus lebih dari 100' },
    ]);
    expect(errorsOf(rowWith({ harga_grosir: '100=13500' }))).toEqual([
      {
        column: 'harga_grosir',
        message: 'Tulis harga grosir sebagai jumlah:harga dipisah |, contoh: 100:13500|1000:12000',
      },
    ]);
  });

  it('reports a minimum order that is not a multiple of the order increment', () => {
    expect(errorsOf(rowWith({ minimal_order: '25', kelipatan: '10' }))).toEqual([
      { column: 'minimal_order', message: 'Minimum pesanan harus kelipatan 10 (kelipatan pesanan)' },
    ]);
  });

  it('needs exactly one of stock and weekly capacity', () => {
    expect(errorsOf(rowWith({ stok: '', kapasitas_mingguan: '' }))).toEqual([
      {
        column: 'stok',
        message: 'Isi stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan)',
      },
    ]);
    expect(errorsOf(rowWith({ stok: '100', kapasitas_mingguan: '2000' }))).toEqual([
      {
        column: 'kapasitas_mingguan',
        message: 'Isi salah satu saja: stok atau kapasitas_mingguan, tidak keduanya',
      },
    ]);
    expect(errorsOf(rowWith({ stok: '-1', kapasitas_mingguan: '' }))).toEqual([
      { column: 'stok', message: 'Stok tidak boleh negatif' },
    ]);
    expect(importRows(rowWith({ stok: '1.500', kapasitas_mingguan: '' }))[0]).toMatchObject({
      ok: true,
      content: { supply: { mode: 'stock', stockOnHand: 1_500 } },
    });
  });

  it('reports every wrong cell of a row once, under the header as the file writes it', () => {
    const text = [
      'Nama Produk,Deskripsi,Kategori,Satuan,Berat,Price,Minimal Order,Stok,Lama Produksi Hari',
      'Ab,Pendek,narkoba,ton,dua ratus,"15,5",,10,120',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      { column: 'Nama Produk', message: 'Nama produk minimal 3 karakter' },
      { column: 'Deskripsi', message: 'Deskripsi minimal 20 karakter agar pembeli paham produknya' },
      { column: 'Kategori', message: 'Kategori produk tidak dikenal' },
      { column: 'Satuan', message: 'Satuan tidak dikenal' },
      { column: 'Berat', message: 'Tulis angka bulat tanpa koma, contoh: 1000' },
      { column: 'Price', message: 'Tulis harga dalam rupiah bulat, contoh: 15000 atau Rp 15.000' },
      { column: 'Minimal Order', message: 'Wajib diisi' },
      { column: 'Lama Produksi Hari', message: 'Waktu produksi maksimal 90 hari' },
    ]);
  });

  it('refuses a row with more cells than the header (a stray separator) as a whole', () => {
    expect(errorsOf(`${HEADER_ID}\n${ROW_ID};lebih\n`)).toEqual([
      {
        column: null,
        message: 'Baris ini berisi lebih banyak kolom daripada judul kolom; periksa pemisah dan tanda kutip',
      },
    ]);
    // Empty trailing cells, as spreadsheets sometimes write them, are no problem.
    expect(importRows(`${HEADER_ID}\n${ROW_ID};;\n`)[0]).toMatchObject({ ok: true });
  });
});
