import ExcelJS from 'exceljs';
import {
  CHANNEL_LABELS,
  DIMENSION_LABELS,
  STAGE_LABELS,
  type TBreakdownDimension,
  type TBreakdownRow,
  type TSalesFilters,
  type TSalesMeasures,
} from '../../../shared/contracts/reports';
import { formatDateTimeWib, formatDateWib } from '../../../shared/time';
import type { FileDownload } from '../../platform/http/route';
import { categoryLabel, type Period } from './reports.queries';

/** A breakdown as the analyst files it: Indonesian headers, whole rupiah, dates in WIB. */
export interface BreakdownExport {
  by: TBreakdownDimension;
  filters: TSalesFilters;
  previous: Period;
  rows: TBreakdownRow[];
  totals: { current: TSalesMeasures; previous: TSalesMeasures };
  /** The seller the report is limited to, named in the title; null for all UMKM. */
  sellerName: string | null;
  /** The filtered kecamatan's name, when the filter names one the dataset knows. */
  kecamatanName: string | null;
}

function headers(by: TBreakdownDimension): string[] {
  return [
    DIMENSION_LABELS[by],
    'Kode',
    'Jumlah pesanan',
    'Jumlah unit',
    'Nilai penjualan (Rp)',
    'PPN (Rp)',
    'Jumlah pesanan periode sebelumnya',
    'Nilai penjualan periode sebelumnya (Rp)',
    'Perubahan nilai (%)',
  ];
}

function cells(row: TBreakdownRow): Array<string | number | null> {
  return [
    row.label,
    row.key,
    row.current.orders,
    row.current.units,
    row.current.grossRupiah,
    row.current.ppnRupiah,
    row.previous.orders,
    row.previous.grossRupiah,
    row.grossChangePercent,
  ];
}

const periodText = (period: Period) =>
  `${formatDateWib(`${period.from}T12:00:00+07:00`)} – ${formatDateWib(`${period.to}T12:00:00+07:00`)}`;

/** `Kecamatan` → `kecamatan`, but an acronym (`UMKM`) stays as it is. */
const inSentence = (label: string) => (label === label.toUpperCase() ? label : label.toLowerCase());

function describe(data: BreakdownExport): string[] {
  const filters = data.filters;
  const applied = [
    filters.kecamatan &&
      `kecamatan ${data.kecamatanName ? `${data.kecamatanName} (${filters.kecamatan})` : filters.kecamatan}`,
    filters.category && `kategori ${categoryLabel(filters.category)}`,
    filters.programme && `program ${filters.programme}`,
    filters.channel && `saluran ${CHANNEL_LABELS[filters.channel]}`,
    data.sellerName && `UMKM ${data.sellerName}`,
  ].filter(Boolean);
  return [
    `Penjualan per ${inSentence(DIMENSION_LABELS[data.by])} — tahap: ${STAGE_LABELS[filters.stage]}`,
    `Periode: ${periodText(filters)} (WIB); dibandingkan dengan ${periodText(data.previous)}`,
    `Filter: ${applied.length > 0 ? applied.join(', ') : 'semua'}`,
  ];
}

const filename = (data: BreakdownExport, extension: string) =>
  `penjualan-${data.by}-${data.filters.from}-${data.filters.to}.${extension}`;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Semicolons and a byte-order mark: what Excel set to Indonesian opens without an import dialog. */
export function breakdownCsv(data: BreakdownExport): FileDownload {
  const line = (values: ReadonlyArray<string | number | null>) => `${values.map(csvCell).join(';')}\r\n`;
  const body = [headers(data.by), ...data.rows.map(cells)].map(line).join('');
  return {
    data: Buffer.from(`\uFEFF${body}`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: filename(data, 'csv'),
  };
}

const RUPIAH_FORMAT = '"Rp" #,##0';
const RUPIAH_COLUMNS = [5, 6, 8];

export async function breakdownXlsx(data: BreakdownExport, now = new Date()): Promise<FileDownload> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pasar UMKM';
  workbook.created = now;
  const sheet = workbook.addWorksheet('Penjualan');
  for (const text of describe(data)) sheet.addRow([text]);
  sheet.addRow([`Dibuat: ${formatDateTimeWib(now)}`]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const header = sheet.addRow(headers(data.by));
  header.font = { bold: true };
  for (const row of data.rows) sheet.addRow(cells(row));
  const total = sheet.addRow([
    'Jumlah',
    null,
    data.totals.current.orders,
    data.totals.current.units,
    data.totals.current.grossRupiah,
    data.totals.current.ppnRupiah,
    data.totals.previous.orders,
    data.totals.previous.grossRupiah,
    null,
  ]);
  total.font = { bold: true };
  for (const column of RUPIAH_COLUMNS) sheet.getColumn(column).numFmt = RUPIAH_FORMAT;
  sheet.getColumn(9).numFmt = '0.0';
  sheet.getColumn(1).width = 36;
  for (let column = 2; column <= 9; column++) sheet.getColumn(column).width = 20;
  header.eachCell((cell) => {
    cell.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return {
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: filename(data, 'xlsx'),
  };
}
