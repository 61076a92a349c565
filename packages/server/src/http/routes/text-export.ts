import type { FastifyReply } from 'fastify';
import { textExporter, type Actor, type ServiceDeps } from '../../services/index.ts';

/**
 * CoNLL export over HTTP. The file is built whole before it is sent (text only, a few MB for a
 * large corpus) so that what the export had to bend can go in a header:
 * `x-cadre-export-warnings: misaligned=1, overlapping=0, dropped=0, retokenized=0, skipped=0`.
 */
export async function sendConll(deps: ServiceDeps, actor: Actor, projectId: string, query: { which: 'accepted' | 'latest' }, reply: FastifyReply) {
  const pieces = textExporter.exportConll(deps, actor, projectId, { which: query.which });
  let text = '';
  let step = await pieces.next();
  while (!step.done) {
    text += step.value;
    step = await pieces.next();
  }
  const s = step.value;
  reply.header('content-type', 'text/tab-separated-values; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="project-${projectId}.conll.tsv"`);
  reply.header('x-cadre-export-sentences', String(s.sentences));
  reply.header('x-cadre-export-warnings', `misaligned=${s.misaligned}, overlapping=${s.overlapping}, dropped=${s.dropped}, retokenized=${s.retokenized}, skipped=${s.skipped}`);
  return reply.send(text);
}
