// What the labels of an imported row become: the import's `as` choice. Accepted labels (a finished
// dataset to review, audit or extend: the task is done at `accepted`), drafts waiting for review (a
// submitted annotation, the task open at the project's review stage), or machine pre-labels (a
// prediction people accept, adjust or delete: today's behaviour).
import { uuidv7, type StageName } from '@cadre/core';
import { users, type BulkWriter, type Db } from '@cadre/db';
import type { ImportedLabels, ImportNote, TaskRow } from '../import/index.ts';

export type ImportAs = 'labels' | 'drafts' | 'prelabels';
export const IMPORT_AS: readonly ImportAs[] = ['labels', 'drafts', 'prelabels'];

export const PREDICTION_SCHEMA_VERSION = 1;

/** Where a task starts: finished, at review, or at the project's first stage. */
export function taskStart(as: ImportAs | undefined, row: TaskRow, stages: readonly StageName[], firstStage: string): { stage: string; status: 'open' | 'done' } {
  if (!row.labels?.length || !as || as === 'prelabels') return { stage: firstStage, status: 'open' };
  if (as === 'labels') return { stage: 'accepted', status: 'done' };
  return { stage: stages.includes('review') ? 'review' : firstStage, status: 'open' };
}

/** Finds the Cadre user a file names as an author (by e-mail), once per name. */
export class Authors {
  private readonly known = new Map<string, string | null>();
  constructor(private readonly db: Db, private readonly importer: string) {}

  async idOf(author: string | undefined): Promise<string> {
    if (!author || !author.includes('@')) return this.importer;
    if (!this.known.has(author)) this.known.set(author, (await users.findUserByEmail(this.db, author.toLowerCase()))?.id ?? null);
    return this.known.get(author) ?? this.importer;
  }
}

export interface LabelCounts { labels: number; drafts: number }

/** Adds a row's label sets as annotations (versions 1..n) or predictions, and its machine sets as predictions. */
export async function addLabels(w: BulkWriter, authors: Authors, o: { as: ImportAs; projectId: string; itemId: string; file: string; row: TaskRow; modelVersion: string }, counts: LabelCounts): Promise<void> {
  const { row } = o;
  const sets = row.labels ?? [];
  if (o.as === 'prelabels') {
    for (const set of sets) addPrediction(w, o.projectId, o.itemId, set, o.modelVersion);
  } else {
    for (let i = 0; i < sets.length; i++) {
      const set = sets[i]!;
      w.addAnnotation({
        id: uuidv7(), projectId: o.projectId, itemId: o.itemId, version: i + 1, authorId: await authors.idOf(set.author),
        state: o.as === 'labels' ? 'accepted' : 'submitted', schemaVersion: 1, payload: set.payload,
        importedFrom: { file: o.file, line: row.line, ...(set.author ? { author: set.author } : {}), ...(set.createdAt ? { createdAt: set.createdAt } : {}) },
        createdAt: validTime(set.createdAt) ?? new Date().toISOString(),
      });
      counts[o.as]++;
    }
  }
  for (const set of row.machine ?? []) addPrediction(w, o.projectId, o.itemId, set, o.modelVersion);
}

function addPrediction(w: BulkWriter, projectId: string, itemId: string, set: ImportedLabels, modelVersion: string): void {
  w.addPrediction({
    id: uuidv7(), projectId, itemId, modelVersion: set.modelVersion ?? modelVersion, score: set.score ?? null,
    schemaVersion: PREDICTION_SCHEMA_VERSION, payload: { schemaVersion: PREDICTION_SCHEMA_VERSION, format: 'cadre', objects: set.payload.objects },
  });
}

const validTime = (s: string | undefined) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined);

/** What the report says of the notes: per reason, how many and the first few. */
export interface ProblemSummary { reason: string; kind: 'mapped' | 'dropped'; count: number; examples: Array<{ file: string; line: number; field: string; message: string }> }

export class NoteTally {
  private readonly byReason = new Map<string, ProblemSummary>();
  add(n: ImportNote): void {
    const key = `${n.kind}:${n.reason}`;
    const s = this.byReason.get(key) ?? { reason: n.reason, kind: n.kind, count: 0, examples: [] };
    s.count++;
    if (s.examples.length < 5) s.examples.push({ file: n.file, line: n.line, field: n.field, message: n.message });
    this.byReason.set(key, s);
  }
  get summary(): ProblemSummary[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count);
  }
}
