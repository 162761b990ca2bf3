import type { TOrderMove } from '../../../shared/states/order';
import { formatRupiah } from '../../../shared/money';
import { notify } from '../notifications';
import type { SellerOrderDoc } from './order.models';

/** What each move tells the other side (in Bahasa Indonesia); the key makes a repeat a no-op. */
export async function announceMove(order: SellerOrderDoc, move: TOrderMove | 'placed'): Promise<void> {
  const dedupeKey = `order:${String(order._id)}:${order.version}`;
  const buyerLink = `/pesanan/${String(order.buyerOrderId)}`;
  const sellerLink = `/usaha/pesanan/${String(order._id)}`;
  const toBuyer = (title: string, body: string) =>
    notify(String(order.buyerOrganisationId), {
      kind: 'order.changed',
      title,
      body,
      link: buyerLink,
      dedupeKey,
    });
  const toSeller = (title: string, body: string) =>
    notify(String(order.organisationId), {
      kind: 'order.changed',
      title,
      body,
      link: sellerLink,
      roles: ['owner', 'staff'],
      dedupeKey,
    });
  const last = order.history.at(-1);
  switch (move) {
    case 'placed':
    case 'confirmPayment':
      // Paid online: the seller hears of it once the payment is in (confirmPayment), not before.
      if (order.status === 'awaiting_payment') return;
      return void (await toSeller(
        `Pesanan baru ${order.number} dari ${order.buyer?.name ?? 'pembeli'}`,
        `${order.lines.length} produk, total ${formatRupiah(order.totals!.total!)}, dikirim paling lambat ${order.requestedDeliveryDate}. Terima atau tolak pesanan ini.`,
      ));
    case 'accept':
      return void (await toBuyer(
        `${order.seller!.name} menerima pesanan ${order.number}`,
        'Pesanan sedang disiapkan.',
      ));
    case 'reject':
      return void (await toBuyer(
        `${order.seller!.name} menolak pesanan ${order.number}`,
        `Alasan: ${last?.reason ?? '-'}`,
      ));
    case 'ship':
      return void (await toBuyer(
        `Pesanan ${order.number} dikirim`,
        `Kurir ${order.shipment?.courier ?? '-'}, nomor resi ${order.shipment?.trackingNumber ?? '-'}.`,
      ));
    case 'markDelivered':
      return void (await toBuyer(
        `Pesanan ${order.number} sudah sampai`,
        'Konfirmasi penerimaan dengan nomor BAST.',
      ));
    case 'confirmReceipt':
      return void (await toSeller(
        `Pesanan ${order.number} diterima pembeli`,
        `BAST ${order.receipt?.bastNumber ?? '-'} oleh ${order.receipt?.byName ?? '-'}.`,
      ));
    case 'cancelByBuyer':
      return void (await toSeller(
        `Pesanan ${order.number} dibatalkan pembeli`,
        `Alasan: ${last?.reason ?? '-'}`,
      ));
    case 'cancelBySeller':
      return void (await toBuyer(
        `${order.seller!.name} membatalkan pesanan ${order.number}`,
        `Alasan: ${last?.reason ?? '-'}`,
      ));
    case 'cancelByDinkop':
      await toBuyer(`Pesanan ${order.number} dibatalkan Dinkop`, `Alasan: ${last?.reason ?? '-'}`);
      return void (await toSeller(
        `Pesanan ${order.number} dibatalkan Dinkop`,
        `Alasan: ${last?.reason ?? '-'}`,
      ));
    default:
      return;
  }
}
