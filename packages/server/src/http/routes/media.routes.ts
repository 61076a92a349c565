import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { imageInfoOf, resolveAsset, storeUpload, UPLOAD_LIMIT, type MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';

const ItemParams = Type.Object({ itemId: Uuid });
const FrameQuery = Type.Object({ frame: Type.Optional(Type.Integer({ minimum: 0, description: 'for a sequence: which frame' })) });

export const mediaRoutes = (deps: ServiceDeps, media: MediaConfig): FastifyPluginAsyncTypebox => async (app) => {
  // An upload body is the image itself: hand the raw stream to the service, which enforces the limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.get('/api/items/:itemId/asset', {
    schema: {
      tags: ['media'], summary: "The item's image or file: a redirect for an http(s) URL, the bytes for a local or uploaded file",
      params: ItemParams,
      querystring: Type.Object({
        ...FrameQuery.properties,
        camera: Type.Optional(Type.String({ minLength: 1, description: "a point-cloud item's camera (metadata.cameras[].name): that camera's image for the frame (frame 0 if none is given)" })),
      }),
      response: { 200: Type.Unknown({ description: 'the file' }), 302: Type.Null(), 304: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const { frame, camera } = request.query;
    const asset = await resolveAsset(deps, actorOf(request), request.params.itemId, media, frame, camera);
    if (asset.kind === 'url') return reply.redirect(asset.url, 302);
    reply.header('cache-control', 'private, max-age=3600').header('etag', asset.etag).header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send(null);
    reply.header('content-length', asset.size).type(asset.contentType);
    return reply.send(createReadStream(asset.path));
  });

  app.get('/api/items/:itemId/info', {
    schema: {
      tags: ['media'], summary: 'Displayed size and EXIF orientation of a local or uploaded image',
      params: ItemParams, querystring: FrameQuery,
      response: { 200: Type.Object({ width: Type.Integer(), height: Type.Integer(), orientation: Type.Integer({ minimum: 1, maximum: 8 }) }), ...errors },
    },
  }, async (request) => imageInfoOf(deps, actorOf(request), request.params.itemId, media, request.query.frame));

  app.post('/api/projects/:projectId/uploads', {
    bodyLimit: UPLOAD_LIMIT,
    config: { takesFiles: true },
    schema: {
      tags: ['media'], summary: `Upload one image as the raw body (at most ${UPLOAD_LIMIT / 1024 / 1024} MiB); makes an item and its task`,
      params: Type.Object({ projectId: Uuid }),
      querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 255, description: 'the file name, kept in the item metadata' }) }),
      response: { 201: Type.Object({ itemId: Uuid, width: Type.Integer(), height: Type.Integer() }), 413: errors[422], ...errors },
    },
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
