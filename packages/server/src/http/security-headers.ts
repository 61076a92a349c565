import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Clickjacking, sniffing and script-injection headers on every answer. The policy fits what the
 * web app and /api/docs load: scripts, styles and the point-cloud worker from this server only;
 * images and fetched assets may come from any http(s) server, because an item may name its image
 * or cloud by URL and the asset route redirects there.
 */
export async function installSecurityHeaders(app: FastifyInstance, https: boolean): Promise<void> {
  await app.register(helmet, {
    frameguard: { action: 'deny' },
    hsts: https ? { maxAge: 180 * 24 * 3600 } : false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        workerSrc: ["'self'"],
        // React and Swagger UI set style attributes; stylesheets themselves come from this server.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'http:', 'https:'],
        connectSrc: ["'self'", 'http:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on plain http it would send every asset request to an https port that is not there.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
  });
}
