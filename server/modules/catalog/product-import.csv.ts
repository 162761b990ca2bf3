import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../../../shared/catalog/categories';
import {
  PRODUCT_IMPORT_COLUMN_NAMES,
  PRODUCT_IMPORT_COLUMNS,
  type TProductImportColumn,
} from '../../../shared/catalog/import-columns';
import { PRODUCT_IMPORT_MAX_ROWS } from '../../../shared/contracts/product-imports';
import { PRODUCT_UNITS, ZProductContent, type TProductContent } from '../../../shared/contracts/products';

/**
 * Reading a seller's product CSV and turning each row into product content. Everything here is pure:
 * the upload route calls `readProductCsv` to refuse a bad file at once, the import job calls it again
 * on the stored file and then `productFromRow` per row.
 */

type Cells = Partial<Record<TProductImportColumn, string>>;

export interface ProductCsvRow {
  /** As a spreadsheet counts rows: the header is row 1, so the first product is row 2. */
  row: number;
  cells: Cells;
  /** Cells beyond the header's columns hold something: a stray separator or quote shifted the row. */
  overflow: boolean;
}

export interface ProductCsv {
  /** Each column's header as the file writes it, so messages name what the seller sees. */
  headers: Cells;
  rows: ProductCsvRow[];
}

export type ReadProductCsvResult = { ok: true; csv: ProductCsv } | { ok: false; problems: string[] };

export interface RowError {
  /** The header as written in the file; null when the row as a whole is wrong. */
  column: string | null;
  message: string;
}

export type ProductFromRowResult = { ok: true; content: TProductContent } | { ok: false; errors: RowError[] };

const numberFormat = new Intl.NumberFormat('id-ID');

/** Letters and digits only, lower case, accents dropped: "Berat (gram)" and "berat_gram" compare equal. */
function comparable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const COLUMN_BY_HEADER = new Map<string, TProductImportColumn>(
  PRODUCT_IMPORT_COLUMN_NAMES.flatMap((column) =>
    [column, ...PRODUCT_IMPORT_COLUMNS[column].aliases].map((name) => [comparable(name), column] as const),
  ),
);

/** A category by its id or its label, with or without the examples in brackets. */
const CATEGORY_BY_NAME = new Map<string, string>(
  PRODUCT_CATEGORIES.flatMap((category) =>
    [category.id, category.label.id, category.label.en]
      .flatMap((name) => [name, name.replace(/\(.*\)/, '')])
      .map((name) => [comparable(name), category.id] as const),
  ),
);

/** Units by id; "buah" is how the product form labels pcs. */
const UNIT_BY_NAME = new Map<string, string>([
  ...PRODUCT_UNITS.map((unit) => [comparable(unit), unit] as const),
  ['buah', 'pcs'],
]);

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

/** The separator is whichever of `;` (Excel with Indonesian settings) and `,` the header line uses more. */
function detectDelimiter(content: string): ',' | ';' {
  const headerLine = content.split(/\r?\n|\r/, 1)[0] ?? '';
  const count = (separator: string) => headerLine.split(separator).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function resolveHeader(
  header: readonly string[],
):
  | { ok: true; columnAt: Array<TProductImportColumn | null>; headers: Cells }
  | { ok: false; problems: string[] } {
  const columnAt: Array<TProductImportColumn | null> = [];
  const headers: Cells = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const cell of header) {
    const name = cell.trim();
    // An unnamed column (a trailing separator after the last header) holds nothing to import.
    const column = name === '' ? null : (COLUMN_BY_HEADER.get(comparable(name)) ?? null);
    if (name !== '' && !column) unknown.push(name);
    if (column && headers[column] !== undefined) repeated.push(name);
    if (column) headers[column] ??= name;
    columnAt.push(column);
  }
  const missing = PRODUCT_IMPORT_COLUMN_NAMES.filter(
    (column) => PRODUCT_IMPORT_COLUMNS[column].required && headers[column] === undefined,
  );
  const problems: string[] = [];
  if (unknown.length > 0) {
    problems.push(`Kolom tidak dikenal: ${unknown.join(', ')}. Pakai judul kolom seperti di templat.`);
  }
  if (repeated.length > 0) problems.push(`Kolom ditulis lebih dari sekali: ${repeated.join(', ')}.`);
  if (missing.length > 0) problems.push(`Kolom wajib belum ada: ${missing.join(', ')}.`);
  if (headers.stok === undefined && headers.kapasitas_mingguan === undefined) {
    problems.push('Perlu kolom stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan).');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columnAt, headers };
}

/**
 * The file as rows of named cells, or every problem that stops the whole import: unreadable CSV,
 * unknown, repeated or missing columns, no rows or too many. Blank rows are skipped but still counted
 * in row numbers, as a spreadsheet shows them.
 */
export function readProductCsv(text: string): ReadProductCsvResult {
  const content = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(content, {
      delimiter: detectDelimiter(content),
      // Any line end, even mixed in one file (rows added in another program); csv-parse would otherwise
      // keep the first one it meets and read the others as text.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // A quote inside an unquoted cell (12" x 8") is text, as spreadsheets treat it.
      relax_quotes: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? ` di sekitar baris ${error.lines}` : '';
    return {
      ok: false,
      problems: [
        `Berkas tidak dapat dibaca sebagai CSV${line}: ada tanda kutip (") yang tidak ditutup atau salah tempat.`,
      ],
    };
  }
  const [header, ...body] = records;
  if (!header || isBlank(header)) {
    return { ok: false, problems: ['Baris pertama berkas harus berisi judul kolom, seperti di templat.'] };
  }
  const resolved = resolveHeader(header);
  if (!resolved.ok) return resolved;

  const rows: ProductCsvRow[] = [];
  body.forEach((record, index) => {
    if (isBlank(record)) return;
    const cells: Cells = {};
    resolved.columnAt.forEach((column, at) => {
      if (column) cells[column] = (record[at] ?? '').trim();
    });
    rows.push({ row: index + 2, cells, overflow: !isBlank(record.slice(header.length)) });
  });
  if (rows.length === 0) {
    return {
      ok: false,
      problems: ['Berkas belum berisi produk: isi satu produk per baris di bawah judul kolom.'],
    };
  }
  if (rows.length > PRODUCT_IMPORT_MAX_ROWS) {
    return {
      ok: false,
      problems: [
        `Berkas berisi ${numberFormat.format(rows.length)} baris produk; maksimal ${numberFormat.format(PRODUCT_IMPORT_MAX_ROWS)} baris per impor. Bagi menjadi beberapa berkas.`,
      ],
    };
  }
  return { ok: true, csv: { headers: resolved.headers, rows } };
}

const REQUIRED = 'Wajib diisi';
const NOT_A_WHOLE_NUMBER = 'Tulis angka bulat tanpa koma, contoh: 1000';
const NOT_RUPIAH = 'Tulis harga dalam rupiah bulat, contoh: 15000 atau Rp 15.000';
const NOT_TIERS = 'Tulis harga grosir sebagai jumlah:harga dipisah |, contoh: 100:13500|1000:12000';
const NO_SUPPLY = 'Isi stok (barang siap kirim) atau kapasitas_mingguan (dibuat sesuai pesanan)';
const BOTH_SUPPLIES = 'Isi salah satu saja: stok atau kapasitas_mingguan, tidak keduanya';
const OVERFLOW = 'Baris ini berisi lebih banyak kolom daripada judul kolom; periksa pemisah dan tanda kutip';

/**
 * A whole number as people type it: `1000`, `1.000` or `1,000` (thousands grouped by three, either
 * separator, since rupiah and quantities have no fractions), optionally with a zero fraction `,00`
 * as spreadsheets export currency. A minus sign is kept so the schema can say what is wrong with it.
 */
function parseWholeNumber(text: string): number | null {
  const match = /^(-?)(\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)(?:[.,]0{1,2})?$/.exec(
    text.replace(/\s/g, ''),
  );
  if (!match) return null;
  const value = Number(match[2]!.replace(/[.,]/g, ''));
  return match[1] ? -value : value;
}

/** Rupiah: a whole number, optionally after `Rp` or `IDR` (`15000`, `15.000`, `Rp 15.000`, `Rp15.000,00`). */
function parseRupiah(text: string): number | null {
  return parseWholeNumber(text.replace(/^\s*(rp\.?|idr)/i, ''));
}

function parseTiers(text: string): TProductContent['priceTiers'] | null {
  const tiers: TProductContent['priceTiers'] = [];
  for (const part of text.split('|')) {
    if (part.trim() === '') continue;
    const [quantity, price, ...rest] = part.split(':');
    const minQuantity = parseWholeNumber(quantity ?? '');
    const unitPrice = parseRupiah(price ?? '');
    if (rest.length > 0 || minQuantity === null || unitPrice === null) return null;
    tiers.push({ minQuantity, unitPrice });
  }
  return tiers;
}

/** The column of each product field; typed over every field, so a new field cannot be forgotten here. */
const COLUMN_OF_FIELD: Record<keyof TProductContent, TProductImportColumn> = {
  name: 'nama',
  description: 'deskripsi',
  category: 'kategori',
  unit: 'satuan',
  weightGrams: 'berat_gram',
  price: 'harga',
  priceTiers: 'harga_grosir',
  minimumOrder: 'minimal_order',
  orderIncrement: 'kelipatan',
  supply: 'stok',
  leadTimeDays: 'lama_produksi_hari',
  shelfLifeDays: 'masa_simpan_hari',
};

/** Which column a ZProductContent issue belongs to, by its path. */
function columnOfIssue(path: readonly PropertyKey[]): TProductImportColumn {
  const [field, detail] = path;
  if (field === 'supply' && detail === 'weeklyCapacity') return 'kapasitas_mingguan';
  return COLUMN_OF_FIELD[field as keyof TProductContent];
}

// Zod's own messages (ranges the schema states without words) in Indonesian, like the form shows them.
const indonesianZodMessages = z.locales.id().localeError;

/**
 * One row as product content, validated with ZProductContent, the schema of the product form, so the
 * messages are the form's. Cells that cannot even be read as the right kind of value (a word in a
 * number column) are reported with an example of what to write, and the schema's word on the same
 * column is dropped.
 */
export function productFromRow(row: ProductCsvRow, headers: Cells): ProductFromRowResult {
  if (row.overflow) return { ok: false, errors: [{ column: null, message: OVERFLOW }] };
  const unreadable = new Map<TProductImportColumn, string>();
  const cell = (column: TProductImportColumn) => row.cells[column] ?? '';

  const number = (
    column: TProductImportColumn,
    options: { rupiah?: boolean; whenEmpty?: number | null } = {},
  ) => {
    const text = cell(column);
    if (text === '') {
      if (options.whenEmpty !== undefined) return options.whenEmpty;
      unreadable.set(column, REQUIRED);
      return undefined;
    }
    const value = options.rupiah ? parseRupiah(text) : parseWholeNumber(text);
    if (value === null) unreadable.set(column, options.rupiah ? NOT_RUPIAH : NOT_A_WHOLE_NUMBER);
    return value ?? undefined;
  };

  const priceTiers = parseTiers(cell('harga_grosir'));
  if (!priceTiers) unreadable.set('harga_grosir', NOT_TIERS);

  // Left to the schema to check, like every other value of the candidate below.
  let supply: Record<string, unknown> | undefined;
  const hasStock = cell('stok') !== '';
  const hasCapacity = cell('kapasitas_mingguan') !== '';
  if (hasStock && hasCapacity) unreadable.set('kapasitas_mingguan', BOTH_SUPPLIES);
  else if (hasStock) supply = { mode: 'stock', stockOnHand: number('stok') };
  else if (hasCapacity) supply = { mode: 'capacity', weeklyCapacity: number('kapasitas_mingguan') };
  else unreadable.set(headers.stok !== undefined ? 'stok' : 'kapasitas_mingguan', NO_SUPPLY);

  const candidate = {
    name: cell('nama'),
    description: cell('deskripsi'),
    category: CATEGORY_BY_NAME.get(comparable(cell('kategori'))) ?? cell('kategori'),
    unit: UNIT_BY_NAME.get(comparable(cell('satuan'))) ?? cell('satuan'),
    weightGrams: number('berat_gram'),
    price: number('harga', { rupiah: true }),
    priceTiers: priceTiers ?? [],
    minimumOrder: number('minimal_order'),
    orderIncrement: number('kelipatan', { whenEmpty: 1 }),
    supply,
    leadTimeDays: number('lama_produksi_hari'),
    shelfLifeDays: number('masa_simpan_hari', { whenEmpty: null }),
  };
  const parsed = ZProductContent.safeParse(candidate, { error: indonesianZodMessages });
  if (parsed.success && unreadable.size === 0) return { ok: true, content: parsed.data };

  const errors = new Map<TProductImportColumn, string[]>();
  for (const [column, message] of unreadable) errors.set(column, [message]);
  for (const issue of parsed.error?.issues ?? []) {
    // A row without a usable supply was told so above, in the supply column it concerns.
    if (issue.path[0] === 'supply' && supply === undefined) continue;
    const column = columnOfIssue(issue.path);
    if (unreadable.has(column)) continue;
    const messages = errors.get(column) ?? [];
    if (!messages.includes(issue.message)) errors.set(column, [...messages, issue.message]);
  }
  // In the template's column order, left to right as the seller reads a row.
  return {
    ok: false,
    errors: PRODUCT_IMPORT_COLUMN_NAMES.flatMap((column) =>
      (errors.get(column) ?? []).map((message) => ({ column: headers[column] ?? column, message })),
    ),
  };
}

/** The template's example row: a valid product, so the template imports as it is. */
const TEMPLATE_EXAMPLE: Record<TProductImportColumn, string> = {
  nama: 'Keripik Tempe Original 250 g',
  deskripsi: 'Keripik tempe renyah dari kedelai lokal, digoreng dengan minyak baru setiap pagi.',
  kategori: 'makanan_ringan',
  satuan: 'pak',
  berat_gram: '250',
  harga: 'Rp 15.000',
  harga_grosir: '100:13500|1000:12000',
  minimal_order: '20',
  kelipatan: '10',
  stok: '',
  kapasitas_mingguan: '2000',
  lama_produksi_hari: '5',
  masa_simpan_hari: '120',
};

/**
 * Indonesian headers and the example row, separated by `;` and led by a BOM: Excel with Indonesian
 * settings then opens it in columns and reads it as UTF-8. No example cell needs quoting.
 */
export function productImportTemplate(): string {
  const line = (cells: readonly string[]) => `${cells.join(';')}\r\n`;
  return `\uFEFF${line(PRODUCT_IMPORT_COLUMN_NAMES)}${line(PRODUCT_IMPORT_COLUMN_NAMES.map((column) => TEMPLATE_EXAMPLE[column]))}`;
}
