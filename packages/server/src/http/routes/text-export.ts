import type { FastifyReply } from 'fastify';
import { textExporter, type Actor, type ServiceDeps } from '../../services/index.ts';

/**
 * CoNLL export over HTTP. The file is built whole before it is sent (text only, a few MB for a
 * large corpus) so that what the export had to bend can go in a header:
 * `x-cadre-export-warnings: misaligned=1, overlapping=0, dropped=0, retokenized=0, skipped=0`.
 */
export async function sendConll(deps: ServiceDeps, actor: Actor, projectId: string, query: { which: 'accepted' | 'latest'; tagScheme?: string | undefined }, reply: FastifyReply) {
  const pieces = textExporter.exportConll(deps, actor, projectId, { which: query.which, ...(query.tagScheme ? { scheme: query.tagScheme as 'iob2' } : {}) });
  const [text, s] = await whole(pieces);
  reply.header('content-type', 'text/tab-separated-values; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="project-${projectId}.conll.tsv"`);
  reply.header('x-cadre-export-sentences', String(s.sentences));
  reply.header('x-cadre-export-warnings', `misaligned=${s.misaligned}, overlapping=${s.overlapping}, dropped=${s.dropped}, retokenized=${s.retokenized}, skipped=${s.skipped}`);
  return reply.send(text);
}

/** Texts with their class as CSV or TSV; the rows it could not label are counted in a header. */
export async function sendTable(deps: ServiceDeps, actor: Actor, projectId: string, query: { which: 'accepted' | 'latest'; format: 'csv' | 'tsv'; textColumn?: string | undefined; labelColumn?: string | undefined }, reply: FastifyReply) {
  const pieces = textExporter.exportTextTable(deps, actor, projectId, {
    which: query.which, delimiter: query.format === 'tsv' ? '\t' : ',',
    ...(query.textColumn ? { textColumn: query.textColumn } : {}), ...(query.labelColumn ? { labelColumn: query.labelColumn } : {}),
  });
  const [text, s] = await whole(pieces);
  reply.header('content-type', `${query.format === 'tsv' ? 'text/tab-separated-values' : 'text/csv'}; charset=utf-8`);
  reply.header('content-disposition', `attachment; filename="project-${projectId}.${query.format}"`);
  reply.header('x-cadre-export-warnings', `unlabeled=${s.unlabeled}, multiLabel=${s.multiLabel}, skipped=${s.skipped}`);
  return reply.send(text);
}

/** A text export built whole, with what its generator returned (the counts that go in headers). */
async function whole<T>(pieces: AsyncGenerator<string, T>): Promise<[string, T]> {
  let text = '';
  let step = await pieces.next();
  while (!step.done) {
    text += step.value;
    step = await pieces.next();
  }
  return [text, step.value];
}
