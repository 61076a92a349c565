// The manager's tasks view: read a page (list.service.ts), act on many tasks (bulk.service.ts).
export { tasksPage, explainTasksPage, READERS, EXACT_UP_TO, type TasksPage, type TasksPageQuery } from './list.service.ts';
export { bulk, type BulkInput } from './bulk.service.ts';
