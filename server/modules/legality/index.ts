import { todayInWib } from '../../../shared/time';
import { presentLegalityDocument } from './legality.presenter';
import { documentsOf } from './legality.service';

export { legalityRoutes } from './legality.routes';
export { legalityStatesOf } from './legality.service';

/** A UMKM's documents as a curator reviews them, expiry status as of today in WIB. */
export async function presentedDocumentsOf(organisationId: string) {
  const today = todayInWib();
  return (await documentsOf(organisationId)).map((doc) => presentLegalityDocument(doc, today));
}
