export { umkmRoutes } from './umkm.routes';
