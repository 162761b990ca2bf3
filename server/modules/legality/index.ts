export { legalityRoutes } from './legality.routes';
