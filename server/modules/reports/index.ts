export {
  applyOrderEventToRollups,
  DEFAULT_ROLLUP_SOURCES,
  displaySaleSource,
  rebuildRollups,
  recordDisplaySale,
  sellerOrderSource,
  type RollupSource,
} from './rollups.service';
export { announceTodayChanged } from './reports.realtime';
export { reportRoutes } from './reports.routes';
