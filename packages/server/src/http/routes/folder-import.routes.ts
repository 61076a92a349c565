import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { allowedFolder } from '../../media/allowed-path.ts';
import { isObjectUrl, type MediaConfig } from '../../media/index.ts';
import { requireProjectRole } from '../../services/access.ts';
import { folderImporter, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

/** A folder on the server (inside CADRE_MEDIA_ROOTS), or an S3 prefix (in CADRE_S3_BUCKETS), imported as `cadre import <folder>` does it. */
export const folderImportRoutes = (deps: ServiceDeps, media: MediaConfig): FastifyPluginAsyncTypebox => async (app) => {
  app.post(routes.importFolder.url, {
    schema: routes.importFolder.schema,
  }, async (request) => {
    const b = request.body;
    await requireProjectRole(deps, actorOf(request), request.params.projectId, ['manager']); // before the file system is asked anything
    const bucket = isObjectUrl(b.path); // checked by the importer against CADRE_S3_BUCKETS
    const root = bucket ? b.path : await allowedFolder(b.path, media.roots);
    const boxes = b.boxes === undefined ? undefined : bucket ? b.boxes : await allowedFolder(b.boxes, media.roots);
    return folderImporter.importFolder(deps, actorOf(request), {
      projectId: request.params.projectId, path: root, perFrame: b.perFrame, skipInvalid: b.skipInvalid, strict: b.strict, media,
      ...(b.as ? { as: b.as } : {}),
      ...(b.layout ? { layout: b.layout } : {}), ...(boxes ? { boxes } : {}),
    });
  });
};
