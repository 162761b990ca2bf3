export { accountRoutes } from './accounts.routes';
export type { AccountsSettings } from './accounts.settings';
export { actorFromCookieHeader, authenticate, SESSION_COOKIE } from './session-cookie';
export { assertCanTrade, canTrade } from './accounts.policy';
export { actorForUser, purgeExpiredSessions } from './sessions.service';
export { createOrganisationWithFirstUser } from './accounts.service';
export { deliveryAddressFor } from './delivery-locations.service';
export {
  createDinkopAccount,
  dinkopOrganisationIds,
  getOrganisation,
  listUmkmByName,
  noticeRecipients,
  purgeExpiredInvitations,
  rejectOrganisation,
  verifyOrganisation,
  type NoticeRecipient,
} from './organisations.service';
// For consignment: a Dinkop user named as a display point's operator.
export { dinkopUser } from './dinkop-users';
// For the Dinkop reports: organisations across tenants, read only.
export { sellerLabels, umkmIdsInKecamatan, verifiedUmkmRegisteredBefore } from './reporting';
