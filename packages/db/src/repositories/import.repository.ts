import type { Db } from '../connection.ts';

export async function findImport(db: Db, id: string): Promise<{ file: string; format: string; status: string } | undefined> {
  return db.selectFrom('imports').select(['file', 'format', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function itemIdsOfImport(db: Db, importId: string): Promise<string[]> {
  const rows = await db.selectFrom('items').select('id').where('import_id', '=', importId).orderBy('id').execute();
  return rows.map((r) => r.id);
}
