// Column lists for the named prepared statements. A prepared statement that selects `*` breaks on
// its connection for good once a migration adds a column ("cached plan must not change result
// type"), and processes of the previous release keep their connections while a new one migrates:
// so those statements name their columns. The type checks below keep each list whole.
import type { AnnotationsTable, ItemsTable, TasksTable } from '../schema.ts';

const TASK = [
  'id', 'project_id', 'item_id', 'stage', 'status', 'priority', 'assignee_id', 'lease_expires_at', 'attempts',
  'created_at', 'updated_at', 'reserved_for', 'annotator_id', 'rejections', 'replica', 'batch_id',
] as const satisfies readonly (keyof TasksTable)[];

const ITEM = [
  'id', 'project_id', 'kind', 'asset', 'content', 'frames', 'metadata', 'import_id', 'created_at', 'media_ref', 'width', 'height', 'score',
] as const satisfies readonly (keyof ItemsTable)[];

const ANNOTATION = [
  'id', 'project_id', 'item_id', 'task_id', 'version', 'parent_id', 'author_id', 'author_kind', 'submission_id', 'state',
  'schema_version', 'payload', 'created_at', 'imported_from',
] as const satisfies readonly (keyof AnnotationsTable)[];

type Whole<Table, List extends readonly unknown[]> = [Exclude<keyof Table, List[number]>] extends [never] ? true : false;
const whole: [Whole<TasksTable, typeof TASK>, Whole<ItemsTable, typeof ITEM>, Whole<AnnotationsTable, typeof ANNOTATION>] = [true, true, true];
void whole;

const list = (names: readonly string[], alias?: string) => names.map((n) => (alias ? `${alias}.${n}` : n)).join(', ');

export const taskColumns = (alias?: string) => list(TASK, alias);
export const itemColumns = (alias?: string) => list(ITEM, alias);
export const annotationColumns = (alias?: string) => list(ANNOTATION, alias);
export const COLUMN_LISTS = { tasks: TASK, items: ITEM, annotations: ANNOTATION } as const;
