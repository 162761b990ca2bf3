import { todayInWib } from '../../../shared/time';
import { expiryStatus, presentLegalityDocument } from './legality.presenter';
import { documentsOf, vaultsOf } from './legality.service';

export { legalityRoutes } from './legality.routes';
export { sendExpiryWarnings } from './expiry.service';
export {
  createDocument,
  legalityStatesOf,
  legalityStatesResolver,
  type ProductLink,
} from './legality.service';

/** A UMKM's documents as a curator reviews them, expiry status as of today in WIB. */
export async function presentedDocumentsOf(organisationId: string) {
  const today = todayInWib();
  return (await documentsOf(organisationId)).map((doc) => presentLegalityDocument(doc, today));
}

/**
 * Many UMKM's vaults in one read, for Dinkop's registry: each document's expiry status on `today` (WIB),
 * and per product the documents the requirement rules read (as legalityStatesOf).
 */
export async function legalityOverviewOf(organisationIds: readonly string[], today: string) {
  const vaults = await vaultsOf(organisationIds);
  return new Map(
    [...vaults].map(([organisationId, vault]) => [
      organisationId,
      {
        expiryStatuses: vault.documents.map((doc) => expiryStatus(doc.expiresOn ?? null, today)),
        statesFor: vault.statesFor,
      },
    ]),
  );
}
// For the Dinkop reports: legality coverage.
export { sellersWithValidNib } from './reporting';
