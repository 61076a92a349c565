import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { fromStorage, imageInfoOf, resolveAsset, storeUpload, UPLOAD_LIMIT, type Asset, type MediaConfig } from '../../media/index.ts';
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
    if (asset.kind === 'object') return sendObject(asset, request.headers['if-none-match'], reply);
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

/**
 * An object in S3-compatible storage, after the same access check as a local file: its bytes
 * streamed through the server (proxy), or a redirect to a URL that works for a few minutes
 * (presign). The object is asked about first either way, so a missing one is a clear 404.
 */
async function sendObject(asset: Extract<Asset, { kind: 'object' }>, ifNoneMatch: string | undefined, reply: FastifyReply): Promise<FastifyReply> {
  const { store, reads, presignSeconds } = asset.objects;
  if (reads === 'presign') {
    await fromStorage(() => store.head(asset.ref));
    const url = await store.presign(asset.ref, presignSeconds);
    // Cached for less than the URL lives, so a cached redirect never leads to an expired URL.
    return reply.header('cache-control', `private, max-age=${Math.floor(presignSeconds / 2)}`).redirect(url, 302);
  }
  const got = await fromStorage(() => store.get(asset.ref, ifNoneMatch ? { ifNoneMatch } : {}));
  reply.header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
  if (got.notModified) return reply.header('etag', ifNoneMatch!).status(304).send(null);
  reply.header('etag', got.head.etag);
  if (ifNoneMatch === got.head.etag) {
    got.body.destroy(); // a storage that ignores If-None-Match
    return reply.status(304).send(null);
  }
  return reply.header('content-length', got.head.size).type(asset.contentType).send(got.body);
}
