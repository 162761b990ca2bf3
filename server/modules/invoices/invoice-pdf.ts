import PDFDocument from 'pdfkit';
import { formatRupiah } from '../../../shared/money';
import { formatDateTimeWib, formatDateWib } from '../../../shared/time';
import type { InvoiceDoc } from './invoice.models';

/** Bank transfer instructions for tempo invoices when INVOICE_PAYMENT_INSTRUCTIONS is not set. */
export const DEFAULT_PAYMENT_INSTRUCTIONS =
  'Bayar sebesar total faktur dengan transfer bank ke rekening Pasar UMKM, cantumkan nomor faktur ini ' +
  'sebagai berita transfer, paling lambat pada tanggal jatuh tempo. Setelah membayar, bagian keuangan ' +
  'Anda menandai faktur ini sudah dibayar di Pasar UMKM.';

type PdfInvoice = Pick<
  InvoiceDoc,
  | 'number'
  | 'sellerOrderNumber'
  | 'buyerOrderNumber'
  | 'purchaseOrderNumber'
  | 'seller'
  | 'buyer'
  | 'lines'
  | 'totals'
  | 'paymentMethod'
  | 'termDays'
  | 'issuedAt'
  | 'dueDate'
  | 'paidAt'
>;

/** A calendar date (`YYYY-MM-DD`, already WIB) in words: `2026-12-19` → `19 Desember 2026`. */
function calendarDate(date: string): string {
  return formatDateWib(new Date(`${date}T12:00:00+07:00`));
}

/**
 * The invoice as a PDF, in Bahasa Indonesia: parties with address and NPWP, order and PO numbers, lines,
 * DPP and PPN (PKP sellers only), total, due date in WIB and how to pay. It is the invoice as issued:
 * payment and credit notes are recorded on the invoice, not re-printed. Creation date = issue date, so
 * rendering it twice gives the same document.
 */
export function renderInvoicePdf(invoice: PdfInvoice, paymentInstructions: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: `Faktur ${invoice.number}`,
      Author: invoice.seller?.name ?? 'Pasar UMKM',
      Creator: 'Pasar UMKM',
      CreationDate: invoice.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 48;
  const width = doc.page.width - 96;
  const isPkp = invoice.seller?.isPkp === true;

  doc.font('Helvetica-Bold').fontSize(18).text('FAKTUR', left, 48);
  doc.font('Helvetica').fontSize(10).text(`Nomor: ${invoice.number}`);
  doc.text(`Tanggal faktur: ${formatDateTimeWib(invoice.issuedAt)}`);
  doc.moveDown();

  const partyTop = doc.y;
  const column = width / 2 - 8;
  const party = (
    title: string,
    p: { name?: string | null; address?: string | null; npwp?: string | null },
    x: number,
  ) => {
    doc.font('Helvetica-Bold').text(title, x, partyTop, { width: column });
    doc.font('Helvetica').text(p.name ?? '-', { width: column });
    doc.text(p.address ?? '-', { width: column });
    doc.text(`NPWP: ${p.npwp ?? '-'}`, { width: column });
    return doc.y;
  };
  const sellerBottom = party('Penjual', invoice.seller ?? {}, left);
  const buyerBottom = party('Pembeli', invoice.buyer ?? {}, left + column + 16);
  doc.y = Math.max(sellerBottom, buyerBottom);
  doc.x = left;
  doc.moveDown();
  if (isPkp) doc.text('Penjual adalah Pengusaha Kena Pajak (PKP).', left);
  doc.text(`Nomor pesanan: ${invoice.buyerOrderNumber} (bagian penjual: ${invoice.sellerOrderNumber})`, left);
  doc.text(`Nomor PO pembeli: ${invoice.purchaseOrderNumber ?? '-'}`, left);
  doc.moveDown();

  // Lines: product, quantity, unit price, amount; and DPP/PPN per line for PKP sellers.
  const columns = isPkp
    ? [
        { title: 'Produk', width: 0.34, align: 'left' as const },
        { title: 'Jumlah', width: 0.12, align: 'right' as const },
        { title: 'Harga satuan', width: 0.14, align: 'right' as const },
        { title: 'Nilai', width: 0.14, align: 'right' as const },
        { title: 'DPP', width: 0.14, align: 'right' as const },
        { title: 'PPN', width: 0.12, align: 'right' as const },
      ]
    : [
        { title: 'Produk', width: 0.46, align: 'left' as const },
        { title: 'Jumlah', width: 0.14, align: 'right' as const },
        { title: 'Harga satuan', width: 0.2, align: 'right' as const },
        { title: 'Nilai', width: 0.2, align: 'right' as const },
      ];
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    const top = doc.y;
    let x = left;
    let bottom = top;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, i) => {
      const w = columns[i]!.width * width;
      doc.text(cell, x, top, { width: w - 4, align: columns[i]!.align });
      bottom = Math.max(bottom, doc.y);
      x += w;
    });
    doc.y = bottom + 3;
  };
  row(
    columns.map((c) => c.title),
    true,
  );
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
  doc.y += 3;
  for (const line of invoice.lines) {
    const base = [
      line.name,
      `${line.quantity.toLocaleString('id-ID')} ${line.unit}`,
      formatRupiah(line.unitPrice),
      formatRupiah(line.lineTotal),
    ];
    row(isPkp ? [...base, formatRupiah(line.taxBase), formatRupiah(line.ppn)] : base);
  }
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
  doc.moveDown(0.5);

  const totals = invoice.totals!;
  const sum = (label: string, amount: number, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    const top = doc.y;
    doc.text(label, left + width * 0.5, top, { width: width * 0.3 });
    doc.text(formatRupiah(amount), left + width * 0.8, top, { width: width * 0.2, align: 'right' });
  };
  sum('Subtotal', totals.subtotal ?? 0);
  if (isPkp) {
    sum('DPP (11/12 dari harga)', totals.taxBase ?? 0);
    sum('PPN 12% x DPP', totals.ppn ?? 0);
  }
  sum('Total', totals.total ?? 0, true);
  doc.x = left;
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(10).text('Pembayaran', left);
  doc.font('Helvetica');
  if (invoice.paymentMethod === 'tempo') {
    doc.text(`Tempo ${invoice.termDays ?? '-'} hari.`, left);
    if (invoice.dueDate) doc.text(`Jatuh tempo: ${calendarDate(invoice.dueDate)} (WIB)`, left);
    doc.text(paymentInstructions, left, doc.y, { width });
  } else {
    doc.text(
      invoice.paidAt ? `Lunas (dibayar online, ${formatDateTimeWib(invoice.paidAt)}).` : 'Lunas',
      left,
    );
  }
  doc.end();
  return done;
}
