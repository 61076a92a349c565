// Row types of the tables, as Kysely sees them. Generated<> marks columns with a default.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export type Role = 'manager' | 'reviewer' | 'annotator' | 'client';
export type TaskStatus = 'open' | 'leased' | 'done';
export type ItemKind = 'image' | 'pointcloud' | 'text';
export type AnnotationState = 'submitted' | 'accepted' | 'rejected';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Generated<boolean>;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}
export interface SessionsTable { token_hash: string; user_id: string; created_at: Timestamp; expires_at: Timestamp }
export interface ApiTokensTable {
  id: string; user_id: string; name: string; token_hash: string;
  created_at: Timestamp; last_used_at: Timestamp | null; revoked_at: Timestamp | null;
}
export interface TeamsTable { id: string; name: string; created_at: Timestamp }
export interface TeamMembersTable { team_id: string; user_id: string; role: Generated<'lead' | 'member'> }
export interface ProjectsTable {
  id: string; name: string; description: Generated<string>;
  ontology: Json; settings: Json<Record<string, unknown>>;
  created_by: string | null; created_at: Timestamp; archived_at: Timestamp | null;
}
export interface ProjectMembersTable { project_id: string; user_id: string; role: Role }
export interface ProjectTeamsTable { project_id: string; team_id: string; role: Role }
export interface ImportsTable {
  id: string; project_id: string; file: string; format: string;
  status: 'running' | 'committed' | 'failed';
  rows_imported: Generated<number>; rows_skipped: Generated<number>; report: Json<unknown[]>;
  created_by: string | null; created_at: Timestamp; finished_at: Timestamp | null;
}
export interface ItemsTable {
  id: string; project_id: string; kind: ItemKind; asset: string | null; content: string | null;
  frames: Json<string[]> | null; metadata: Json<Record<string, unknown>>; import_id: string | null;
  created_at: Timestamp;
}
export interface TasksTable {
  id: string; project_id: string; item_id: string; stage: Generated<string>; status: Generated<TaskStatus>;
  priority: Generated<number>; assignee_id: string | null; lease_expires_at: Timestamp | null;
  attempts: Generated<number>; created_at: Timestamp; updated_at: Timestamp;
}
export interface TaskSkipsTable { task_id: string; user_id: string; reason: string | null; created_at: Timestamp }
export interface AnnotationsTable {
  id: string; project_id: string; item_id: string; task_id: string | null; version: number;
  parent_id: string | null; author_id: string | null; author_kind: 'human' | 'machine';
  submission_id: string | null; state: AnnotationState; schema_version: number; payload: Json;
  created_at: Timestamp;
}
export interface DraftsTable { task_id: string; user_id: string; schema_version: number; payload: Json; saved_at: Timestamp }
export interface PredictionsTable {
  id: string; project_id: string; item_id: string; model_version: string | null; score: number | null;
  schema_version: number; payload: Json; created_at: Timestamp;
}
export interface EventsTable {
  id: Generated<number>; at: Timestamp; actor_id: string | null;
  actor_kind: 'user' | 'system' | 'machine'; project_id: string | null;
  entity: string; entity_id: string; action: string; data: Json<Record<string, unknown>>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_teams: ProjectTeamsTable;
  imports: ImportsTable;
  items: ItemsTable;
  tasks: TasksTable;
  task_skips: TaskSkipsTable;
  annotations: AnnotationsTable;
  drafts: DraftsTable;
  predictions: PredictionsTable;
  events: EventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type TaskRow = Selectable<TasksTable>;
export type AnnotationRow = Selectable<AnnotationsTable>;
export type PredictionRow = Selectable<PredictionsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
