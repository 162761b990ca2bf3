import { EXPIRING_SOON_DAYS } from '../../../shared/contracts/legality';
import { LEGALITY_DOCUMENT_LABELS } from '../../../shared/legality/documents';
import { daysBetween, formatDateWib, todayInWib } from '../../../shared/time';
import { notify } from '../notifications';
import { documentsExpiringBetween } from './legality.service';

/** The second, last warning; the first goes out EXPIRING_SOON_DAYS (30) days before. */
export const FINAL_WARNING_DAYS = 7;

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Warns each UMKM of documents expiring within 30 days, and again within 7. The notice key names the
 * document, its expiry date and the stage, so daily runs (and retries) warn once per stage; a document
 * first seen inside the 7-day window gets only the final warning.
 */
export async function sendExpiryWarnings(now: Date): Promise<number> {
  const today = todayInWib(now);
  const documents = await documentsExpiringBetween(today, shiftDays(today, EXPIRING_SOON_DAYS));
  let sent = 0;
  for (const doc of documents) {
    const daysLeft = daysBetween(today, doc.expiresOn!);
    const stage = daysLeft <= FINAL_WARNING_DAYS ? FINAL_WARNING_DAYS : EXPIRING_SOON_DAYS;
    // The short name ("P-IRT", "Sertifikat halal"): the explanation in brackets is too long for a phone.
    const label = LEGALITY_DOCUMENT_LABELS[doc.type].id.replace(/ \(.*\)$/, '');
    const when = daysLeft === 0 ? 'hari ini' : `${daysLeft} hari lagi`;
    const delivered = await notify(String(doc.organisationId), {
      kind: 'legality.expiring',
      title: `${label} ${doc.number} berakhir ${when}`,
      body:
        `Dokumen ini berlaku sampai ${formatDateWib(doc.expiresOn!)}. Produk yang memerlukannya akan ` +
        'berhenti dijual setelah tanggal itu sampai dokumen yang baru diunggah ke brankas legalitas.',
      link: '/usaha/legalitas',
      roles: ['owner', 'staff'],
      dedupeKey: `expiry:${String(doc._id)}:${doc.expiresOn}:${stage}`,
    });
    if (delivered) sent += 1;
  }
  return sent;
}
