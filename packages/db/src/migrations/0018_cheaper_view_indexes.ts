import { sql, type Kysely } from 'kysely';

// The tasks view's two expression indexes (0015) made every labelled import row cost about 40 µs more
// of the database's time (imports fell from ~9,500 to ~7,500 rows/s). Same filters, cheaper upkeep:
//  - Classes: the labels of an annotation's objects as a JSON array by one JSON path
//    (`cadre_payload_labels`, inlined into the index expression: no SQL function call a row),
//    indexed with jsonb_path_ops and matched with `@>`.
//  - Search: the words of the file name, the media reference and the item's own metadata, without the
//    formats' bookkeeping Cadre keeps there to give a file back as it came (`labelstudio`: task id and
//    control names; `conll`: token offsets and tags; `kitti`, `kittiCalib`: the label file's extra
//    columns and the calibration matrices; `nuscenes`: the mmdetection3d sample and its instances).
//    Those are not what a person searches for, and a CoNLL sentence's offsets alone gave its item
//    hundreds of index entries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX annotations_classes_idx;
    CREATE FUNCTION cadre_payload_labels(payload jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT jsonb_path_query_array(payload, '$.objects[*].label')
    $fn$;
    CREATE INDEX annotations_labels_idx ON annotations USING gin (cadre_payload_labels(payload) jsonb_path_ops);

    DROP INDEX items_search_idx;
    CREATE OR REPLACE FUNCTION cadre_item_search(asset text, media_ref text, metadata jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT to_tsvector('simple'::regconfig, regexp_replace(lower(coalesce(asset, '') || ' ' || coalesce(media_ref, '') || ' '
        || coalesce((metadata - '{labelstudio,conll,kitti,kittiCalib,nuscenes}'::text[])::text, '')), '[^a-z0-9]+', ' ', 'g'))
    $fn$;
    CREATE INDEX items_search_idx ON items USING gin (cadre_item_search(asset, media_ref, metadata));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX items_search_idx;
    CREATE OR REPLACE FUNCTION cadre_item_search(asset text, media_ref text, metadata jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT to_tsvector('simple'::regconfig, regexp_replace(lower(coalesce(asset, '') || ' ' || coalesce(media_ref, '') || ' ' || coalesce(metadata::text, '')), '[^a-z0-9]+', ' ', 'g'))
    $fn$;
    CREATE INDEX items_search_idx ON items USING gin (cadre_item_search(asset, media_ref, metadata));
    DROP INDEX annotations_labels_idx;
    DROP FUNCTION cadre_payload_labels(jsonb);
    CREATE INDEX annotations_classes_idx ON annotations USING gin (cadre_payload_classes(payload));
  `.execute(db);
}
