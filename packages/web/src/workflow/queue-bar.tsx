// What every workspace (image, point cloud, text; annotate, review, QA) shows of the queue: the
// tasks this person holds in the project, whatever their stage, each one opening by its address,
// Skip for the task open now, and whose draft it started from when a lease ran out on someone else.
import { useEffect, useState } from 'react';
import { api, type TaskView } from '../api.ts';
import type { HeldTask } from '@cadre/contract';
import { SkipControl } from './skip-control.tsx';
import './workflow.css';


const PATH: Record<string, string> = { annotate: 'label', review: 'review', qa: 'qa' };

/** The workspace address of a stage's queue, and of one task in it. */
export const stagePath = (projectId: string, stage: string) => `/projects/${projectId}/${PATH[stage] ?? 'label'}`;
export const taskPath = (projectId: string, stage: string, taskId: string) => `${stagePath(projectId, stage)}/${taskId}`;

interface Props {
  projectId: string;
  /** The task open now; null where none could be opened (the list is then the way on). */
  current: TaskView | null;
  onSkip?: (reason: string, note: string) => Promise<void>;
}

export function QueueBar({ projectId, current, onSkip }: Props) {
  const [held, setHeld] = useState<HeldTask[]>([]);
  const currentId = current?.task.id ?? null;
  useEffect(() => {
    api('GET /api/projects/:projectId/tasks/held', { params: { projectId } }).then(setHeld, () => setHeld([]));
  }, [projectId, currentId]);
  const by = current?.draftBy;
  return (
    <div className="queue-bar" data-testid="queue-bar">
      {held.length > 0 && (
        <nav className="held-tasks" aria-label="Tasks I hold" data-testid="held-tasks">
          <span className="muted">You hold {held.length}:</span>
          {held.map((t) => (
            // A full page load, so the open task's draft is saved on the way out (pagehide).
            <a key={t.id} href={taskPath(projectId, t.stage, t.id)} data-task-id={t.id} aria-current={t.id === currentId ? 'page' : undefined}>
              item {t.itemId.slice(-6)} · {t.stage}
            </a>
          ))}
        </nav>
      )}
      <span className="spacer" />
      {by && <span className="draft-by" role="status" data-testid="draft-by">Started from {by.name}'s draft (their lease ran out {new Date(by.savedAt).toLocaleString()})</span>}
      {current && onSkip && <SkipControl onSkip={onSkip} />}
    </div>
  );
}
