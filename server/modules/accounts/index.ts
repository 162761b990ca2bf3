export { accountRoutes } from './accounts.routes';
export type { AccountsSettings } from './accounts.settings';
export { actorFromCookieHeader, authenticate, SESSION_COOKIE } from './session-cookie';
export { assertCanTrade, canTrade, isOrganisationAdmin } from './accounts.policy';
export { purgeExpiredSessions } from './sessions.service';
export { createDinkopAccount, purgeExpiredInvitations } from './organisations.service';
