// What the labels a text file holds become. The readers (CoNLL, TSV/CSV with a label column) put
// them in `row.labels` as a Cadre payload and decide nothing; the import's `as` (importRows) decides:
// accepted labels, drafts waiting for review, or machine pre-labels. `--conll-labels` is the older
// spelling of the same choice, kept as an alias.
import type { ConllLabels } from './conll-format.ts';

/** The same values as the import's `as` (services/import-labels.ts ImportAs). */
export type TextImportAs = 'labels' | 'drafts' | 'prelabels';
export const TEXT_IMPORT_AS: readonly TextImportAs[] = ['labels', 'drafts', 'prelabels'];

/**
 * `--conll-labels` as `as`: as-annotations → labels, as-predictions (the default) → prelabels,
 * ignore → null (the file's labels are not kept).
 */
export function conllLabelsAs(labels: ConllLabels | undefined): TextImportAs | null {
  if (labels === 'ignore') return null;
  return labels === 'as-annotations' ? 'labels' : 'prelabels';
}

/** A Cadre text payload as the readers make it: text_span (code points) and text_class objects. */
export interface TextPayload {
  schemaVersion: 1;
  objects: Array<{ id: string; label: string; kind: string; attributes: Record<string, unknown>; geometry: { start: number; end: number } | null }>;
}
