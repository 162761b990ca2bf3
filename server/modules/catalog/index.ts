export { catalogRoutes } from './catalog.routes';
export { curationRoutes } from './curation.routes';
