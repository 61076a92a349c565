import { sql, type Kysely } from 'kysely';

// Data that moves in and out in other tools' formats. An item keeps the media reference the user
// gave (`media_ref`: a COCO file_name, a Label Studio URL) so an export names the image as they
// did, never by its path on this server, and its image size when the labels gave it, so an export
// of a million boxes does not open a hundred thousand images. An imported annotation keeps what
// the file said of it (`imported_from`: file, line, author, time), since its author is often no
// Cadre user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE items ADD COLUMN media_ref text, ADD COLUMN width integer, ADD COLUMN height integer`.execute(db);
  await sql`ALTER TABLE annotations ADD COLUMN imported_from jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE annotations DROP COLUMN imported_from`.execute(db);
  await sql`ALTER TABLE items DROP COLUMN media_ref, DROP COLUMN width, DROP COLUMN height`.execute(db);
}
