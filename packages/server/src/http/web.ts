import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web app (packages/web/dist) at `/`; any other non-API path gets index.html so
 * the app's own routes survive a reload. Without a build, `/` says how to make one.
 */
export async function installWebApp(app: FastifyInstance, root: string | undefined): Promise<void> {
  const index = root ? join(root, 'index.html') : null;
  if (root && index && existsSync(index)) {
    await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false,
      setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache') });
    app.get('/*', { schema: { hide: true }, config: { public: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  } else {
    app.get('/', { schema: { hide: true }, config: { public: true } }, async (_request, reply) =>
      reply.type('text/html').send('<p>The Cadre web app is not built. Run <code>npm run build -w @cadre/web</code> (npm start does it), or use the API at <a href="/api/docs">/api/docs</a>.</p>'));
  }
}
