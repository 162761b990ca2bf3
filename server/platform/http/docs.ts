import express, { type Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

// Served as a file, not inline, so the Content-Security-Policy can forbid inline scripts.
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};`;

/** Swagger UI from the installed package (no CDN), pointed at our generated document. */
export function apiDocsRouter(): Router {
  const router = express.Router();
  router.get('/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER);
  });
  router.use(express.static(getAbsoluteFSPath(), { index: 'index.html' }));
  return router;
}
