// The one way the app talks to the server: `api('GET /api/projects/:projectId', { params: { projectId } })`.
// Routes, bodies and answers are typed from @cadre/contract (imported as types: the bundle carries no
// schemas); errors are ApiError with the server's code.
import { createClient } from '@cadre/contract/client';

export { ApiError, urlOf } from '@cadre/contract/client';
export type { BaseAnnotation, Project, ProjectWithCounts, Reason, RejectReason, TaskSummary, TaskView, User } from '@cadre/contract';

export const api = createClient({ credentials: 'same-origin' }).call;
