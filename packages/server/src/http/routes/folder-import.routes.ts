import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { invalid } from '../../errors.ts';
import { folderImportRows } from '../../lidar/folder-rows.ts';
import { allowedFolder } from '../../media/allowed-path.ts';
import { FOLDER_FORMAT, type MediaConfig } from '../../media/index.ts';
import { requireProjectRole } from '../../services/access.ts';
import { importer, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, Uuid } from '../schemas.ts';
import { ImportReport } from './import-report.ts';

/** A folder on the server (inside CADRE_MEDIA_ROOTS) imported as `cadre import <folder>` does it. */
export const folderImportRoutes = (deps: ServiceDeps, media: MediaConfig): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/projects/:projectId/import/folder', {
    schema: {
      tags: ['import/export'],
      summary: 'Import a folder on the server (inside CADRE_MEDIA_ROOTS): a SUSTechPOINTS scene as one sequence (or one item per cloud), a KITTI object folder, or a plain folder of files (clouds with JSON boxes when boxes is given)',
      params: Type.Object({ projectId: Uuid }),
      body: Type.Object({
        path: Type.String({ minLength: 1, description: 'absolute path of the folder on the server' }),
        layout: Type.Optional(Type.Union([Type.Literal('sustech'), Type.Literal('kitti'), Type.Literal('plain')], { description: 'detected when left out' })),
        perFrame: Type.Boolean({ default: false, description: 'sustech: one item per cloud instead of one sequence' }),
        boxes: Type.Optional(Type.String({ minLength: 1, description: 'plain folder of clouds: the folder of JSON boxes files named like them' })),
        skipInvalid: Type.Boolean({ default: false }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Composite([ImportReport, Type.Object({ layout: Type.String() })]),
        ...errors,
      },
    },
  }, async (request) => {
    const b = request.body;
    await requireProjectRole(deps, actorOf(request), request.params.projectId, ['manager']); // before the file system is asked anything
    const root = await allowedFolder(b.path, media.roots);
    const boxes = b.boxes === undefined ? undefined : await allowedFolder(b.boxes, media.roots);
    const found = await folderImportRows(root, { ...(b.layout ? { layout: b.layout } : {}), perFrame: b.perFrame, ...(boxes ? { boxes } : {}) })
      .catch((e: Error) => { throw invalid(e.message); });
    const report = await importer.importRows(deps, actorOf(request), found.rows, { projectId: request.params.projectId, file: root, format: FOLDER_FORMAT, skipInvalid: b.skipInvalid });
    return { ...report, layout: found.source };
  });
};
