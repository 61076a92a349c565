import type { ChunkSource } from '../import/chunks.ts';
import { readConllRows } from '../text/conll-read.ts';
import type { ConllLabels } from '../text/conll-format.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { importRows, type ImportReport } from './import.service.ts';

export interface ConllImportOptions {
  projectId: string;
  /** The file's name as the person knows it, for error messages. */
  file: string;
  /** What the tags become (default as-predictions, for people to review). */
  labels?: ConllLabels;
  skipInvalid: boolean;
  onProgress?: (rows: number) => void;
}

/**
 * Imports a CoNLL/BIO file, one text item and task a sentence, in one transaction like every
 * import. The tags' entity types missing from the ontology are added as text_span classes (unless
 * the tags are ignored), and the report names them.
 */
export async function importConll(deps: ServiceDeps, actor: Actor, input: ChunkSource, o: ConllImportOptions): Promise<ImportReport> {
  const labels = o.labels ?? 'as-predictions';
  const types = new Set<string>();
  const rows = readConllRows(input, { file: o.file, labels, types });
  return importRows(deps, actor, rows, {
    projectId: o.projectId, file: o.file, format: 'conll', skipInvalid: o.skipInvalid,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    wantedClasses: () => (labels === 'ignore' ? [] : [...types].map((name) => ({ name, kind: 'text_span' as const }))),
  });
}
