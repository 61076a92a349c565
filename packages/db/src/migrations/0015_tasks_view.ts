import { sql, type Kysely } from 'kysely';

// The manager's tasks view (tasks-view.repository.ts) at a million tasks: each sort walks an index
// in order (created = id, uuidv7; priority; rejections; last change; model score), each filter that
// cannot ride the sort's index has one of its own, and nothing reads a million rows for a page.
//
// One denormalised value: `items.score`, the best prediction score of the item. Sorting tasks by a
// score that lives in another table, several rows per item, cannot be paged by an index otherwise.
// It is kept up to date here, in the database, by statement triggers on `predictions` (insert,
// update, delete), so every writer (the import's COPY, machine jobs, learning rounds, removals) keeps
// it right without knowing of it; an import's COPY fires them once per statement, not once a row.
//
// The class filter needs no copy: a GIN index over the class names of each annotation's payload
// (`cadre_payload_classes`) finds the annotations holding a class, and the query keeps those that
// are their item's current version. Search reads one text-search index over the item's file name,
// its media reference and its metadata (`cadre_item_search`), matched by word prefixes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX tasks_view_created_idx ON tasks (project_id, id);
    CREATE INDEX tasks_view_stage_idx ON tasks (project_id, stage, status, id);
    CREATE INDEX tasks_view_priority_idx ON tasks (project_id, priority, id);
    CREATE INDEX tasks_view_rejections_idx ON tasks (project_id, rejections, id);
    CREATE INDEX tasks_view_changed_idx ON tasks (project_id, updated_at, id);
    CREATE INDEX consensus_agreement_idx ON consensus (project_id, agreement);

    ALTER TABLE items ADD COLUMN score double precision;
    UPDATE items i SET score = m.score
      FROM (SELECT item_id, max(score) AS score FROM predictions WHERE score IS NOT NULL GROUP BY item_id) m
      WHERE i.id = m.item_id;
    CREATE INDEX items_view_score_idx ON items (project_id, (coalesce(score, '-Infinity'::float8)), id);

    CREATE FUNCTION cadre_item_score_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE items i SET score = m.score
        FROM (SELECT c.item_id, (SELECT max(p.score) FROM predictions p WHERE p.item_id = c.item_id) AS score
              FROM (SELECT DISTINCT item_id FROM changed) c) m
        WHERE i.id = m.item_id AND i.score IS DISTINCT FROM m.score;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER predictions_score_insert AFTER INSERT ON predictions
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cadre_item_score_sync();
    CREATE TRIGGER predictions_score_update AFTER UPDATE ON predictions
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cadre_item_score_sync();
    CREATE TRIGGER predictions_score_delete AFTER DELETE ON predictions
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cadre_item_score_sync();

    CREATE FUNCTION cadre_payload_classes(payload jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT coalesce(array_agg(DISTINCT o->>'label' ORDER BY o->>'label') FILTER (WHERE o->>'label' IS NOT NULL), '{}')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(payload->'objects') = 'array' THEN payload->'objects' ELSE '[]'::jsonb END) o
    $fn$;
    CREATE INDEX annotations_classes_idx ON annotations USING gin (cadre_payload_classes(payload));

    CREATE FUNCTION cadre_item_search(asset text, media_ref text, metadata jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT to_tsvector('simple'::regconfig, regexp_replace(lower(coalesce(asset, '') || ' ' || coalesce(media_ref, '') || ' ' || coalesce(metadata::text, '')), '[^a-z0-9]+', ' ', 'g'))
    $fn$;
    CREATE FUNCTION cadre_search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(w || ':*', ' & '), ''))
      FROM regexp_split_to_table(trim(regexp_replace(lower(q), '[^a-z0-9]+', ' ', 'g')), ' ') w WHERE w <> ''
    $fn$;
    CREATE INDEX items_search_idx ON items USING gin (cadre_item_search(asset, media_ref, metadata));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX items_search_idx;
    DROP FUNCTION cadre_search_query(text);
    DROP FUNCTION cadre_item_search(text, text, jsonb);
    DROP INDEX annotations_classes_idx;
    DROP FUNCTION cadre_payload_classes(jsonb);
    DROP TRIGGER predictions_score_insert ON predictions;
    DROP TRIGGER predictions_score_update ON predictions;
    DROP TRIGGER predictions_score_delete ON predictions;
    DROP FUNCTION cadre_item_score_sync();
    DROP INDEX items_view_score_idx;
    ALTER TABLE items DROP COLUMN score;
    DROP INDEX consensus_agreement_idx, tasks_view_changed_idx, tasks_view_rejections_idx, tasks_view_priority_idx,
      tasks_view_stage_idx, tasks_view_created_idx;
  `.execute(db);
}
