// What some imports bring besides items, tasks and predictions: annotations the file already holds
// (CoNLL tags imported as annotations) and label classes the project's ontology lacks.
import { annotations, changes, projects, type Db, type Queryable } from '@cadre/db';
import { uuidv7, type AttributeSpec, type GeometryKind, type LabelClass, type Ontology } from '@cadre/core';
import { AppError } from '../errors.ts';
import { CHANNEL, forget } from './changes.ts';

export interface ImportedAnnotation { itemId: string; payload: unknown }

/** Stores each payload as its item's annotation version 1, accepted, by the importing person; the task stays open. */
export async function insertAnnotations(client: Queryable, projectId: string, authorId: string, list: ImportedAnnotation[]): Promise<void> {
  if (list.length === 0) return;
  await annotations.insertImported(client, projectId, authorId, list.map((a) => ({ id: uuidv7(), itemId: a.itemId, payload: a.payload })));
}

export interface WantedClass { name: string; kind: GeometryKind; attributes?: AttributeSpec[] }

/**
 * Adds the wanted classes the ontology does not have (no colour or hotkey: the manager picks them),
 * and the wanted attributes its classes lack, inside the import's transaction, and says which
 * classes were added. A class of the same name but another kind fails the import: its labels
 * could not be stored.
 */
export async function addMissingClasses(tx: Db, projectId: string, file: string, ontology: Ontology, wanted: WantedClass[]): Promise<string[]> {
  const added: LabelClass[] = [];
  let classes = ontology.classes;
  let changed = false;
  for (const w of wanted) {
    const have = classes.find((c) => c.name === w.name) ?? added.find((c) => c.name === w.name);
    if (have && have.kind !== w.kind) {
      throw new AppError('import_failed', `${file}: its labels need a ${w.kind} class ${JSON.stringify(w.name)}, but the ontology's ${JSON.stringify(w.name)} is ${have.kind} (nothing was imported)`);
    }
    const extra = (w.attributes ?? []).filter((a) => !(have?.attributes ?? []).some((h) => h.name === a.name));
    if (!have) added.push({ name: w.name, kind: w.kind, attributes: extra });
    else if (extra.length > 0) {
      const grown = { ...have, attributes: [...have.attributes, ...extra] };
      const i = added.indexOf(have);
      if (i !== -1) added[i] = grown;
      else classes = classes.map((c) => (c === have ? grown : c));
      changed = true;
    }
  }
  if (added.length === 0 && !changed) return [];
  const next: Ontology = { ...ontology, classes: [...classes, ...added] };
  await projects.updateProject(tx, projectId, { ontology: next });
  await changes.notify(tx, CHANNEL, `project:${projectId}`);
  return added.map((c) => c.name);
}

/** After the commit: this process drops its cached copy of the project at once. */
export const forgetProject = (projectId: string) => forget(`project:${projectId}`);
