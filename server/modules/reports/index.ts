export {
  applyOrderEventToRollups,
  DEFAULT_ROLLUP_SOURCES,
  displaySaleSource,
  rebuildRollups,
  recordDisplaySale,
  sellerOrderSource,
  type RollupSource,
} from './rollups.service';
export { reportRoutes } from './reports.routes';
