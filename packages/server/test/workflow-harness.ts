// Shared steps of the workflow tests: people in roles, submit, review, run the machine stage.
import { randomUUID } from 'node:crypto';
import { dispenser, submissions, type Actor } from '../src/index.ts';
import { review } from '../src/services/workflow/review.service.ts';
import { runMachineStage } from '../src/services/workflow/machine-stage.ts';
import { box, payload, type Harness } from './harness.ts';

export interface Crew { projectId: string; annotator: Actor; second: Actor; reviewer: Actor; inspector: Actor }

export async function crew(h: Harness, name: string, settings: Record<string, unknown>, rows = 1): Promise<Crew> {
  const projectId = await h.project(name, settings);
  // The image size travels with the row, so the machine checks know the image's edges.
  await h.importText(projectId, Array.from({ length: rows }, (_, i) => `{"data":{"image":"/images/${i + 1}.jpg","width":640,"height":480}}\n`).join(''));
  const slug = name.toLowerCase().replaceAll(' ', '-');
  const c = {
    projectId,
    annotator: await h.user(`${slug}-ann@test.local`),
    second: await h.user(`${slug}-ann2@test.local`),
    reviewer: await h.user(`${slug}-rev@test.local`),
    inspector: await h.user(`${slug}-qa@test.local`),
  };
  await h.member(projectId, c.annotator, 'annotator');
  await h.member(projectId, c.second, 'annotator');
  await h.member(projectId, c.reviewer, 'reviewer');
  await h.member(projectId, c.inspector, 'reviewer');
  return c;
}

/** Claims the person's next labelling task and submits `objects` (a car box by default). */
export async function label(h: Harness, projectId: string, who: Actor, objects: unknown[] = [box('car-1')]) {
  const task = await dispenser.claimNextView(h.deps, who, projectId);
  if (!task) throw new Error('no labelling task');
  const result = await submissions.submit(h.deps, who, task.task.id, randomUUID(), payload(...objects));
  return { view: task, result };
}

export async function decide(h: Harness, projectId: string, who: Actor, stage: 'review' | 'qa', verdict: 'accept' | 'reject', extra: { reasons?: unknown[]; annotation?: unknown } = {}) {
  const task = await dispenser.claimNextView(h.deps, who, projectId, stage);
  if (!task) throw new Error(`no ${stage} task`);
  const result = await review(h.deps, who, task.task.id, { decisionId: randomUUID(), verdict, ...extra });
  return { view: task, result };
}

export const checks = (h: Harness) => runMachineStage(h.deps);
