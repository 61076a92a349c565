// The quality page's figures for one project: per annotator, per class and per rejection reason.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface AnnotatorWork { user_id: string; name: string; submitted: number; accepted: number; rejected: number }

/** Annotation attempts per annotator, with how many were accepted and how many rejected (or reassigned). */
export async function workByAnnotator(db: Db, projectId: string): Promise<AnnotatorWork[]> {
  return (await sql<AnnotatorWork>`
    SELECT w.user_id, u.name, count(*)::int AS submitted,
      count(*) FILTER (WHERE w.outcome = 'accepted')::int AS accepted,
      count(*) FILTER (WHERE w.outcome IN ('rejected', 'reassigned'))::int AS rejected
    FROM work_attempts w JOIN users u ON u.id = w.user_id
    WHERE w.project_id = ${projectId} AND w.stage = 'annotate' GROUP BY w.user_id, u.name`.execute(db)).rows;
}

/** Human QA inspections per annotator and how many found the work correct. */
export async function qaByAnnotator(db: Db, projectId: string): Promise<{ user_id: string; inspected: number; correct: number }[]> {
  return (await sql<{ user_id: string; inspected: number; correct: number }>`
    SELECT t.annotator_id AS user_id, count(*)::int AS inspected, count(*) FILTER (WHERE r.verdict = 'accept')::int AS correct
    FROM reviews r JOIN tasks t ON t.id = r.task_id
    WHERE r.project_id = ${projectId} AND r.stage = 'qa' AND r.reviewer_kind = 'human' AND t.annotator_id IS NOT NULL
    GROUP BY t.annotator_id`.execute(db)).rows;
}

/** Gold scores per annotator: how many and their mean. */
export async function goldByAnnotator(db: Db, projectId: string): Promise<{ user_id: string; name: string; n: number; mean: number }[]> {
  return (await sql<{ user_id: string; name: string; n: number; mean: number }>`
    SELECT g.user_id, u.name, count(*)::int AS n, avg(g.score) AS mean FROM gold_results g JOIN users u ON u.id = g.user_id
    WHERE g.project_id = ${projectId} GROUP BY g.user_id, u.name`.execute(db)).rows;
}

/** Mean consensus agreement of the items each annotator contributed to. */
export async function agreementByAnnotator(db: Db, projectId: string): Promise<{ user_id: string; mean: number }[]> {
  return (await sql<{ user_id: string; mean: number }>`
    SELECT s->>'authorId' AS user_id, avg(c.agreement) AS mean FROM consensus c, jsonb_array_elements(c.sources) s
    WHERE c.project_id = ${projectId} AND c.agreement IS NOT NULL GROUP BY 1`.execute(db)).rows;
}

/** Objects per class in the annotations human reviewers looked at. */
export async function reviewedObjectsByClass(db: Db, projectId: string): Promise<{ label: string; n: number }[]> {
  return (await sql<{ label: string; n: number }>`
    SELECT o->>'label' AS label, count(*)::int AS n FROM reviews r JOIN annotations a ON a.id = r.annotation_id,
      jsonb_array_elements(a.payload->'objects') o
    WHERE r.project_id = ${projectId} AND r.reviewer_kind = 'human' AND r.stage = 'review' GROUP BY 1`.execute(db)).rows;
}

/** Objects per class that a rejection named. */
export async function rejectedObjectsByClass(db: Db, projectId: string): Promise<{ label: string; n: number }[]> {
  return (await sql<{ label: string; n: number }>`
    SELECT o->>'label' AS label, count(DISTINCT (r.id, o->>'id'))::int AS n FROM reviews r JOIN annotations a ON a.id = r.annotation_id,
      jsonb_array_elements(r.reasons) why, jsonb_array_elements(a.payload->'objects') o
    WHERE r.project_id = ${projectId} AND r.verdict = 'reject' AND why->>'objectId' = o->>'id' GROUP BY 1`.execute(db)).rows;
}

/** Rejection reasons by code, most used first. */
export async function rejectionReasons(db: Db, projectId: string): Promise<{ code: string; n: number }[]> {
  return (await sql<{ code: string; n: number }>`
    SELECT why->>'code' AS code, count(*)::int AS n FROM reviews r, jsonb_array_elements(r.reasons) why
    WHERE r.project_id = ${projectId} AND r.verdict = 'reject' GROUP BY 1 ORDER BY 2 DESC`.execute(db)).rows;
}

export interface TextLabelRow { item_id: string; rater_id: string; name: string; payload: unknown }

/** The latest accepted annotation by a person of each text item: the labels agreement is measured against. */
export async function acceptedTextLabels(db: Db, projectId: string): Promise<Array<{ item_id: string; payload: unknown }>> {
  return (await sql<{ item_id: string; payload: unknown }>`
    SELECT DISTINCT ON (a.item_id) a.item_id, a.payload FROM annotations a JOIN items i ON i.id = a.item_id
    WHERE a.project_id = ${projectId} AND i.kind = 'text' AND a.state = 'accepted' AND a.author_kind = 'human'
    ORDER BY a.item_id, a.version DESC`.execute(db)).rows;
}

/** Each person's latest annotation of each text item. */
export async function personTextLabels(db: Db, projectId: string): Promise<TextLabelRow[]> {
  return (await sql<TextLabelRow>`
    SELECT DISTINCT ON (a.item_id, a.author_id) a.item_id, a.author_id AS rater_id, u.name, a.payload
    FROM annotations a JOIN items i ON i.id = a.item_id JOIN users u ON u.id = a.author_id
    WHERE a.project_id = ${projectId} AND i.kind = 'text' AND a.author_kind = 'human' AND a.author_id IS NOT NULL
    ORDER BY a.item_id, a.author_id, a.version DESC`.execute(db)).rows;
}

/** Each model's prediction of each text item. */
export async function modelTextLabels(db: Db, projectId: string): Promise<TextLabelRow[]> {
  return (await sql<TextLabelRow>`
    SELECT p.item_id, p.model_id AS rater_id, m.name || '@' || m.version AS name, p.payload
    FROM predictions p JOIN items i ON i.id = p.item_id JOIN models m ON m.id = p.model_id
    WHERE p.project_id = ${projectId} AND i.kind = 'text'`.execute(db)).rows;
}
