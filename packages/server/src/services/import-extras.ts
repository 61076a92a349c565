// What some imports bring besides items, tasks and predictions: annotations the file already holds
// (CoNLL tags imported as annotations) and label classes the project's ontology lacks.
import type pg from 'pg';
import { uuidv7, type GeometryKind, type LabelClass, type Ontology } from '@cadre/core';
import { AppError } from '../errors.ts';
import { CHANNEL, forget } from './changes.ts';

export interface ImportedAnnotation { itemId: string; payload: unknown }

/** Stores each payload as its item's annotation version 1, accepted, by the importing person; the task stays open. */
export async function insertAnnotations(client: pg.PoolClient, projectId: string, authorId: string, list: ImportedAnnotation[]): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map((a) => ({ id: uuidv7(), item_id: a.itemId, payload: a.payload }));
  await client.query(
    `INSERT INTO annotations (id, project_id, item_id, task_id, version, author_id, author_kind, state, schema_version, payload)
     SELECT x.id, $1, x.item_id, NULL, 1, $2, 'human', 'accepted', 1, x.payload
     FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, item_id uuid, payload jsonb)`,
    [projectId, authorId, JSON.stringify(rows)],
  );
}

export interface WantedClass { name: string; kind: GeometryKind }

/**
 * Adds the wanted classes the ontology does not have (no colour or hotkey: the manager picks them)
 * inside the import's transaction, and says which were added. A class of the same name but another
 * kind fails the import: its labels could not be stored.
 */
export async function addMissingClasses(client: pg.PoolClient, projectId: string, file: string, ontology: Ontology, wanted: WantedClass[]): Promise<string[]> {
  const added: LabelClass[] = [];
  for (const w of wanted) {
    const have = ontology.classes.find((c) => c.name === w.name) ?? added.find((c) => c.name === w.name);
    if (have && have.kind !== w.kind) {
      throw new AppError('import_failed', `${file}: its labels need a ${w.kind} class ${JSON.stringify(w.name)}, but the ontology's ${JSON.stringify(w.name)} is ${have.kind} (nothing was imported)`);
    }
    if (!have) added.push({ name: w.name, kind: w.kind, attributes: [] });
  }
  if (added.length === 0) return [];
  const next: Ontology = { ...ontology, classes: [...ontology.classes, ...added] };
  await client.query('UPDATE projects SET ontology = $2 WHERE id = $1', [projectId, JSON.stringify(next)]);
  await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `project:${projectId}`]);
  return added.map((c) => c.name);
}

/** After the commit: this process drops its cached copy of the project at once. */
export const forgetProject = (projectId: string) => forget(`project:${projectId}`);
