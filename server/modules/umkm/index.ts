export { umkmRoutes } from './umkm.routes';
export { umkmPhotoRoutes } from './profile-photos.routes';
export { registryRoutes } from './registry.routes';
export { pkpSellers } from './umkm.service';
export { umkmInvoiceProfile } from './invoice-profile';
export { umkmPayoutAccount } from './payout-account';
export { programmeTagsOf } from './programmes';
