export { regionRoutes } from './regions.routes';
export { loadRegions, regencyCodes, regionName, resolveAddress } from './regions.service';
export type { LoadRegionsOptions } from './regions.service';
