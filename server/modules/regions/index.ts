export { regionRoutes } from './regions.routes';
export { loadRegions, resolveAddress } from './regions.service';
export type { LoadRegionsOptions } from './regions.service';
