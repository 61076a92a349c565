import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { TAR_END, tarEntry } from '../../lidar/tar.ts';
import { isLabelJsonFormat, type LabelExportFormat } from '../../lidar/index.ts';
import { labelExporter, type Actor, type ServiceDeps } from '../../services/index.ts';

/**
 * 3D label export over HTTP: a tar of the label folder for sustech and kitti, one JSON for boxes and nuscenes.
 * The first piece is read before any header goes out, so access and calibration errors answer as errors.
 */
export async function sendLabels(deps: ServiceDeps, actor: Actor, projectId: string, query: { which: 'accepted' | 'latest'; calib?: string | undefined }, reply: FastifyReply, format: LabelExportFormat) {
  const o = { which: query.which, ...(query.calib ? { calib: query.calib } : {}) };
  if (isLabelJsonFormat(format)) {
    const pieces = labelExporter.exportLabelJson(deps, actor, projectId, format, o);
    const first = await pieces.next();
    async function* all() { if (!first.done) yield first.value; yield* pieces; }
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="project-${projectId}-${format}.json"`);
    return reply.send(Readable.from(all()));
  }
  const files = labelExporter.exportLabelFiles(deps, actor, projectId, format, o);
  const first = await files.next();
  async function* tar() {
    if (!first.done) yield tarEntry(first.value.path, first.value.content);
    for await (const f of files) yield tarEntry(f.path, f.content);
    yield TAR_END;
  }
  reply.header('content-type', 'application/x-tar');
  reply.header('content-disposition', `attachment; filename="project-${projectId}-${format}.tar"`);
  return reply.send(Readable.from(tar()));
}
