export { regionRoutes } from './regions.routes';
export { loadRegions, regencyCodes, resolveAddress } from './regions.service';
export type { LoadRegionsOptions } from './regions.service';
