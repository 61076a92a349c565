import { sql, type Kysely } from 'kysely';

// The folders on this machine an import's items may be served from. A command-line import of a
// label file found its images beside the file or in the folder named by --media; the server now
// serves them from there too (before, only files below `imports.file` were served, and an image found
// through --media showed at import and was refused in the workspace and in exports with images).
// `imports.file` becomes the file itself for such imports, so two label files of one folder are two
// files, not "the same file imported again". Null: as before (a folder import serves below `file`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE imports ADD COLUMN media_roots text[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE imports DROP COLUMN media_roots`.execute(db);
}
