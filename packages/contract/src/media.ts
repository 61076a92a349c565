// Item images and files, image info, uploads.
import { Type } from '@sinclair/typebox';
import { errors, ItemParams, ProjectParams, Uuid } from './common.ts';
import { route } from './route.ts';

/** The most one upload may hold (bytes). */
export const UPLOAD_LIMIT = 64 * 1024 * 1024;
const FrameQuery = Type.Object({ frame: Type.Optional(Type.Integer({ minimum: 0, description: 'for a sequence: which frame' })) });

export const mediaRoutes = {
  itemAsset: route('GET', '/api/items/:itemId/asset', {
    tags: ['media'], summary: "The item's image or file: a redirect for an http(s) URL, the bytes for a local or uploaded file",
    params: ItemParams,
    querystring: Type.Object({
      ...FrameQuery.properties,
      camera: Type.Optional(Type.String({ minLength: 1, description: "a point-cloud item's camera (metadata.cameras[].name): that camera's image for the frame (frame 0 if none is given)" })),
    }),
    response: { 200: Type.Unknown({ description: 'the file' }), 302: Type.Null(), 304: Type.Null(), ...errors },
  }),
  itemInfo: route('GET', '/api/items/:itemId/info', {
    tags: ['media'], summary: 'Displayed size and EXIF orientation of a local or uploaded image',
    params: ItemParams, querystring: FrameQuery,
    response: { 200: Type.Object({ width: Type.Integer(), height: Type.Integer(), orientation: Type.Integer({ minimum: 1, maximum: 8 }) }), ...errors },
  }),
  upload: route('POST', '/api/projects/:projectId/uploads', {
    tags: ['media'], summary: `Upload one image as the raw body (at most ${UPLOAD_LIMIT / 1024 / 1024} MiB); makes an item and its task`,
    params: ProjectParams,
    querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 255, description: 'the file name, kept in the item metadata' }) }),
    response: { 201: Type.Object({ itemId: Uuid, width: Type.Integer(), height: Type.Integer() }), 413: errors[422], ...errors },
  }),
};
