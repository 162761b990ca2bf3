export { applyOrderEventToRollups, rebuildRollups, recordDisplaySale } from './rollups.service';
export {
  DEFAULT_ROLLUP_SOURCES,
  displaySaleSource,
  sellerOrderSource,
  type RollupSource,
} from './rollup-sources';
export { announceTodayChanged } from './reports.realtime';
export { reportRoutes } from './reports.routes';
