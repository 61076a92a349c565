import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { imageInfoOf, resolveAsset, storeUpload, UPLOAD_LIMIT, type MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

export const mediaRoutes = (deps: ServiceDeps, media: MediaConfig): FastifyPluginAsyncTypebox => async (app) => {
  // An upload body is the image itself: hand the raw stream to the service, which enforces the limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.get(routes.itemAsset.url, {
    schema: routes.itemAsset.schema,
  }, async (request, reply) => {
    const { frame, camera } = request.query;
    const asset = await resolveAsset(deps, actorOf(request), request.params.itemId, media, frame, camera);
    if (asset.kind === 'url') return reply.redirect(asset.url, 302);
    reply.header('cache-control', 'private, max-age=3600').header('etag', asset.etag).header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send(null);
    reply.header('content-length', asset.size).type(asset.contentType);
    return reply.send(createReadStream(asset.path));
  });

  app.get(routes.itemInfo.url, {
    schema: routes.itemInfo.schema,
  }, async (request) => imageInfoOf(deps, actorOf(request), request.params.itemId, media, request.query.frame));

  app.post(routes.upload.url, {
    bodyLimit: UPLOAD_LIMIT,
    config: { takesFiles: true },
    schema: routes.upload.schema,
  }, async (request, reply) => {
    const body = (request.body ?? request.raw) as Readable;
    try {
      const upload = await storeUpload(deps, actorOf(request), request.params.projectId, request.query.name, body, media);
      return reply.status(201).send({ itemId: upload.itemId, width: upload.width, height: upload.height });
    } finally {
      body.resume(); // drain what a refused upload left unread, so the connection can answer
    }
  });
};
