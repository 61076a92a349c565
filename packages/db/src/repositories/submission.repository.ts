// The common submit in two statements and no explicit transaction (issue 14, point 7): read the task
// and its item without a lock, then one statement that takes the task out of the worker's lease (the
// UPDATE's row lock and its WHERE are the check), stores the work as the item's next version, drops
// the drafts, records the attempt and logs `submitted` and `advanced`. When the statement finds the
// task no longer leased to the worker (a retry that raced the first submit, a lost lease) it writes
// nothing and the caller takes the locked, step-by-step path, which answers those cases.
import type { Queryable } from '../connection.ts';
import type { AnnotationRow, TaskRow } from '../schema.ts';
import { annotationColumns, taskColumns } from './columns.ts';

const READ_FOR_SUBMIT = {
  name: 'cadre_read_for_submit_v2',
  text: `SELECT ${taskColumns('t')}, char_length(i.content) AS text_length, i.content AS item_text, jsonb_array_length(i.frames) AS frame_count,
           i.kind AS item_kind, i.asset AS item_asset, i.metadata AS item_metadata,
           EXISTS (SELECT 1 FROM annotations a WHERE a.submission_id = $2) AS replay
         FROM tasks t JOIN items i ON i.id = t.item_id
         WHERE t.id = $1`,
};

export type TaskForSubmit = TaskRow & {
  text_length: number | null; frame_count: number | null; item_text: string | null;
  item_kind: string; item_asset: string | null; item_metadata: Record<string, unknown> | null;
  /** An annotation already carries this submission id (a retry): the locked path answers it. */
  replay: boolean;
};

/** The task with what validation and the inline checks need of its item; no lock taken. */
export async function readForSubmit(client: Queryable, taskId: string, submissionId: string): Promise<TaskForSubmit | undefined> {
  return (await client.query<TaskForSubmit>({ ...READ_FOR_SUBMIT, values: [taskId, submissionId] })).rows[0];
}

// The same rows as annotations.recordSubmission followed by workflow.submittedToStage, in one
// statement (so one commit and no BEGIN): the events in the same order (`submitted`, then `advanced`).
const SUBMIT_TO_STAGE = {
  name: 'cadre_submit_to_stage_v2',
  text: `
    WITH task AS (
      UPDATE tasks SET stage = $11, status = 'open', assignee_id = NULL, lease_expires_at = NULL, reserved_for = NULL,
        annotator_id = $5, updated_at = now()
      WHERE id = $4 AND status = 'leased' AND assignee_id = $5 AND stage = 'annotate'
      RETURNING id
    ), latest AS (
      SELECT id, version FROM annotations WHERE item_id = $3 ORDER BY version DESC LIMIT 1
    ), ins AS (
      INSERT INTO annotations (id, project_id, item_id, task_id, version, parent_id, author_id, author_kind,
        submission_id, state, schema_version, payload)
      SELECT $1, $2, $3, $4, coalesce((SELECT version FROM latest), 0) + 1, (SELECT id FROM latest),
        $5, 'human', $6, 'submitted', $7, $8::jsonb
      FROM task
      RETURNING ${annotationColumns()}
    ), dropped AS (
      DELETE FROM drafts WHERE task_id = $4 AND EXISTS (SELECT 1 FROM task)
    ), attempt AS (
      INSERT INTO work_attempts (id, project_id, task_id, item_id, user_id, stage, annotation_id, objects, outcome)
      SELECT $10, $2, $4, $3, $5, 'annotate', id, $9, 'pending' FROM ins
    ), logged AS (
      INSERT INTO events (actor_id, actor_kind, project_id, entity, entity_id, action, data)
      SELECT $5, 'user', $2, 'task', $4::text, 'submitted', jsonb_build_object('annotationId', id, 'version', version, 'objects', $9::int) FROM ins
      UNION ALL
      SELECT $5, 'user', $2, 'task', $4::text, 'advanced',
        jsonb_build_object('from', 'annotate', 'to', $11::text, 'checked', true, 'annotationId', id::text) FROM ins
    )
    SELECT * FROM ins`,
};

export interface SubmitToStage {
  annotationId: string; attemptId: string; projectId: string; itemId: string; taskId: string; authorId: string;
  submissionId: string; schemaVersion: number; payload: unknown; objects: number;
  /** The stage the checked work goes to. */
  stage: string;
}

/** The stored annotation, or undefined when the task was no longer leased to the author (nothing written). */
export async function submitToStage(client: Queryable, s: SubmitToStage): Promise<AnnotationRow | undefined> {
  const { rows } = await client.query<AnnotationRow>({
    ...SUBMIT_TO_STAGE,
    values: [s.annotationId, s.projectId, s.itemId, s.taskId, s.authorId, s.submissionId, s.schemaVersion, JSON.stringify(s.payload), s.objects, s.attemptId, s.stage],
  });
  return rows[0];
}
