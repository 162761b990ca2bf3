import type { TCurationChecklistItem } from '../../../shared/states/product';
import { notify, notifyDinkop, type Notice } from '../notifications';
import type { ProductDoc } from './product.model';

/** Indonesian names of the checklist items, as the seller reads them in a notice. */
const CHECKLIST_LABELS: Record<TCurationChecklistItem, string> = {
  legality: 'Legalitas',
  photos: 'Foto',
  description: 'Deskripsi',
  price: 'Harga',
  packaging: 'Kemasan',
  label: 'Label',
};

/**
 * The notices a curation move sends, from the product as the move left it. The key names the move
 * (its place in the history), so a retried request never sends one twice.
 */
export async function announceCurationMove(product: ProductDoc): Promise<void> {
  const move = product.history.at(-1);
  if (!move) return;
  const productId = String(product._id);
  const name = product.content.name;
  const dedupeKey = `curation:${productId}:${product.history.length}`;
  const toSeller = (notice: Omit<Notice, 'dedupeKey' | 'roles' | 'link'>) =>
    notify(String(product.organisationId), {
      ...notice,
      link: `/usaha/produk/${productId}`,
      roles: ['owner', 'staff'],
      dedupeKey,
    });

  switch (move.to) {
    case 'submitted':
      await notifyDinkop({
        kind: 'product.submitted',
        title: `Produk baru menunggu kurasi: "${name}"`,
        body: `${product.seller?.name ?? 'Sebuah UMKM'}${product.seller?.districtName ? `, Kec. ${product.seller.districtName}` : ''} mengajukan produk ini.`,
        link: `/dinkop/kurasi/${productId}`,
        roles: ['admin', 'curator'],
        dedupeKey,
      });
      return;
    case 'approved':
      await toSeller({
        kind: 'product.approved',
        title: `"${name}" disetujui`,
        body: move.reason
          ? `Produk Anda kini tampil di katalog. Catatan kurator: ${move.reason}`
          : 'Produk Anda kini tampil di katalog pembeli.',
      });
      return;
    case 'changes_requested':
      await toSeller({
        kind: 'product.changes_requested',
        title: `"${name}" perlu diperbaiki`,
        body: move.changes
          .map((change) => `${change.item ? CHECKLIST_LABELS[change.item] : 'Lainnya'}: ${change.note ?? ''}`)
          .join('\n'),
      });
      return;
    case 'rejected':
      await toSeller({
        kind: 'product.rejected',
        title: `"${name}" ditolak`,
        body: `Alasan kurator: ${move.reason ?? '-'}`,
      });
      return;
    case 'needs_legality':
      await toSeller({
        kind: 'product.needs_legality',
        title: `"${name}" menunggu kelengkapan legalitas`,
        body: `Lengkapi dulu: ${move.missingLegality.join('; ')}.`,
      });
      return;
    default:
      return;
  }
}
