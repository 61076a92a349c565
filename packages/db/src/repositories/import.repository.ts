import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export async function findImport(db: Db, id: string): Promise<{ file: string; format: string; status: string; media_roots: string[] | null } | undefined> {
  return db.selectFrom('imports').select(['file', 'format', 'status', 'media_roots']).where('id', '=', id).executeTakeFirst();
}

export async function itemIdsOfImport(db: Db, importId: string): Promise<string[]> {
  const rows = await db.selectFrom('items').select('id').where('import_id', '=', importId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface NewImport {
  id: string; projectId: string; file: string; format: string; createdBy: string;
  /** Folders on this machine the import's items may be served from (a command-line import). */
  mediaRoots?: string[] | null;
}

/** Records an import as running (inside its transaction: a rollback leaves no trace of it). */
export async function startImport(db: Db, i: NewImport): Promise<void> {
  await db.insertInto('imports').values({ id: i.id, project_id: i.projectId, file: i.file, format: i.format, status: 'running', created_by: i.createdBy, report: '[]', ...(i.mediaRoots ? { media_roots: i.mediaRoots } : {}) }).execute();
}

export async function finishImport(db: Db, id: string, r: { imported: number; skipped: number; errors: unknown[] }): Promise<void> {
  await db.updateTable('imports').set({ status: 'committed', rows_imported: r.imported, rows_skipped: r.skipped, report: JSON.stringify(r.errors), finished_at: sql`now()` })
    .where('id', '=', id).execute();
}

/** Records an import that failed (after its transaction rolled back), with why. */
export async function recordFailedImport(db: Db, i: NewImport, message: string): Promise<void> {
  await db.insertInto('imports').values({
    id: i.id, project_id: i.projectId, file: i.file, format: i.format, status: 'failed', created_by: i.createdBy,
    report: JSON.stringify([{ message }]), finished_at: new Date(),
  }).execute();
}

/** The latest committed import of a file of this name into the project, if any (an import of the same file twice is reported). */
export async function findCommittedImportOfFile(db: Db, projectId: string, file: string): Promise<{ id: string; finished_at: Date | null; rows_imported: number } | undefined> {
  return db.selectFrom('imports').select(['id', 'finished_at', 'rows_imported'])
    .where('project_id', '=', projectId).where('file', '=', file).where('status', '=', 'committed')
    .orderBy('finished_at', 'desc').limit(1).executeTakeFirst() as Promise<{ id: string; finished_at: Date | null; rows_imported: number } | undefined>;
}
