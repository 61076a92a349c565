import { sql, type Kysely } from 'kysely';

// A text item's sentence embedding, computed once by the shipped encoder and kept: a learning round
// embeds only the items that have none yet (or one from another encoder version), so a project's
// rounds do not pay the encoder's ~10 ms a text again for every item each time. `vector` holds the
// float32 values, little-endian; `encoder` names the encoder version that made them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE text_embeddings (
      item_id uuid PRIMARY KEY REFERENCES items ON DELETE CASCADE,
      encoder text NOT NULL,
      vector bytea NOT NULL
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE text_embeddings`.execute(db);
}
