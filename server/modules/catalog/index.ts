export { catalogRoutes } from './catalog.routes';
export { curationRoutes } from './curation.routes';
export { productPhotoRoutes } from './product-photos.routes';
export { sellsInCatalog } from './browse.service';
export { catalogProductLink, refreshAllListings, refreshListings } from './listings.service';
export { productsOfUmkm, type UmkmProductRow } from './umkm-products.service';
export { productImportRoutes } from './product-import.routes';
export { failProductImport, runProductImport } from './product-import.service';
// The catalog's own use cases, for scripts that act as a seller or a curator (demo seeding).
export { createProduct } from './catalog.service';
export { approveProduct, requestChanges, startReview, submitProduct } from './curation.service';
export { orderableProducts, type OrderableProduct } from './orderable.service';
// For consignment: a curated product with its shelf life, by id.
export { consignableProduct, type ConsignableProduct } from './consignable';
// For the Dinkop reports: products across sellers, read only.
export { productDimensions, productsFirstApprovedBetween, sellersWithIncompleteProducts } from './reporting';
