// Row types of the tables, as Kysely sees them. Generated<> marks columns with a default.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export type Role = 'manager' | 'reviewer' | 'annotator' | 'client';
export type TaskStatus = 'open' | 'leased' | 'done' | 'waiting';
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
  /** A model's worker: it leases machine-stage tasks and cannot sign in. */
  machine: Generated<boolean>;
}
export interface SessionsTable { token_hash: string; user_id: string; created_at: Timestamp; expires_at: Timestamp }
export interface ApiTokensTable {
  id: string; user_id: string; name: string; token_hash: string;
  created_at: Timestamp; last_used_at: Timestamp | null; revoked_at: Timestamp | null;
}
export interface LoginFailuresTable { key: string; failures: number; window_started_at: Timestamp }
export interface TeamsTable { id: string; name: string; created_at: Timestamp }
export interface TeamMembersTable { team_id: string; user_id: string; role: Generated<'lead' | 'member'> }
export interface ProjectsTable {
  id: string; name: string; description: Generated<string>;
  ontology: Json; settings: Json<Record<string, unknown>>;
  created_by: string | null; created_at: Timestamp; archived_at: Timestamp | null;
  deleted_at: Generated<Date | null>; deleted_by: Generated<string | null>;
}
/** A removed item or task: its rows as they were (migration 0007). */
export interface RemovalsTable {
  id: string; project_id: string; entity: 'item' | 'task'; entity_id: string;
  removed_by: string | null; removed_at: Generated<Date>; snapshot: Json<Record<string, unknown>>;
}
export interface ProjectMembersTable { project_id: string; user_id: string; role: Role }
export interface ProjectTeamsTable { project_id: string; team_id: string; role: Role }
export interface ImportsTable {
  id: string; project_id: string; file: string; format: string;
  status: 'running' | 'committed' | 'failed';
  rows_imported: Generated<number>; rows_skipped: Generated<number>; report: Json<unknown[]>;
  created_by: string | null; created_at: Timestamp; finished_at: Timestamp | null;
  /** Folders on this machine its items may be served from (a command-line import of label files, 0019); null: below `file` for a folder import. */
  media_roots: Generated<string[] | null>;
}
export interface ItemsTable {
  id: string; project_id: string; kind: ItemKind; asset: string | null; content: string | null;
  frames: Json<string[]> | null; metadata: Json<Record<string, unknown>>; import_id: string | null;
  created_at: Timestamp;
  /** The media as the user named it (a COCO file_name, a URL), when `asset` is where this server found it. */
  media_ref: Generated<string | null>; width: Generated<number | null>; height: Generated<number | null>;
  /** The best score of the item's predictions, kept by triggers on `predictions` (0015): the tasks view sorts by it. */
  score: Generated<number | null>;
}
export interface TasksTable {
  id: string; project_id: string; item_id: string; stage: Generated<string>; status: Generated<TaskStatus>;
  priority: Generated<number>; assignee_id: string | null; lease_expires_at: Timestamp | null;
  attempts: Generated<number>; created_at: Timestamp; updated_at: Timestamp;
  reserved_for: Generated<string | null>; annotator_id: Generated<string | null>; rejections: Generated<number>;
  replica: Generated<number>; batch_id: Generated<string | null>;
}
export interface TaskSkipsTable { task_id: string; user_id: string; reason: string | null; created_at: Timestamp }
export interface AnnotationsTable {
  id: string; project_id: string; item_id: string; task_id: string | null; version: number;
  parent_id: string | null; author_id: string | null; author_kind: 'human' | 'machine';
  submission_id: string | null; state: AnnotationState; schema_version: number; payload: Json;
  created_at: Timestamp;
  /** What an imported file said of this annotation: `{ file, line, author?, createdAt? }`. */
  imported_from: Generated<Json | null>;
}
export interface DraftsTable { task_id: string; user_id: string; schema_version: number; payload: Json; saved_at: Timestamp }
export interface PredictionsTable {
  id: string; project_id: string; item_id: string; model_version: string | null; score: number | null;
  schema_version: number; payload: Json; created_at: Timestamp;
  /** The model that made it (machine jobs); one set per item and model. */
  model_id: Generated<string | null>; job_id: Generated<string | null>;
  machine_ms: Generated<number | null>; cost_minor: Generated<number | null>;
}
export interface EventsTable {
  id: Generated<number>; at: Timestamp; actor_id: string | null;
  actor_kind: 'user' | 'system' | 'machine'; project_id: string | null;
  entity: string; entity_id: string; action: string; data: Json<Record<string, unknown>>;
}
export interface ReviewsTable {
  id: string; project_id: string; task_id: string; item_id: string; annotation_id: string | null; stage: string;
  reviewer_id: string | null; reviewer_kind: 'human' | 'machine'; verdict: 'accept' | 'reject';
  fixed_annotation_id: string | null; reasons: Json<unknown[]>; decision_id: string | null; created_at: Generated<Date>;
}
/** `returned`: sent back by a machine check (not a rejection); `reassigned`: rejected, then given to someone else. */
export type AttemptOutcome = 'pending' | 'accepted' | 'rejected' | 'returned' | 'reassigned' | 'done';
export interface WorkAttemptsTable {
  id: string; project_id: string; task_id: string; item_id: string; user_id: string; stage: string;
  annotation_id: string | null; objects: Generated<number>; outcome: AttemptOutcome; created_at: Generated<Date>; decided_at: Timestamp | null;
}
export type BatchStatus = 'open' | 'sampling' | 'accepted' | 'rejected';
export interface QaBatchesTable {
  id: string; project_id: string; annotator_id: string; key: string; status: Generated<BatchStatus>;
  size: Generated<number>; sampled: Generated<number>; inspected: Generated<number>; correct: Generated<number>;
  accuracy: number | null; created_at: Generated<Date>; closed_at: Timestamp | null; decided_at: Timestamp | null;
}
export interface GoldItemsTable { item_id: string; project_id: string; payload: Json; created_by: string | null; created_at: Generated<Date> }
export interface GoldResultsTable {
  id: string; project_id: string; item_id: string; user_id: string; task_id: string | null; submission_id: string | null;
  payload: Json; score: number; details: Json<Record<string, unknown>>; created_at: Generated<Date>;
}
export interface QualificationsTable { project_id: string; user_id: string; status: 'qualified' | 'failed'; accuracy: number; decided_at: Generated<Date> }
/** Queued tasks per stage, sampled every ten minutes (0017). */
export interface BacklogSamplesTable { project_id: string; at: Timestamp; stage: string; queued: number }
export interface ConsensusTable {
  item_id: string; project_id: string; method: string; agreement: number | null; merged_annotation_id: string | null;
  sources: Json<unknown[]>; created_at: Generated<Date>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
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
  reviews: ReviewsTable;
  work_attempts: WorkAttemptsTable;
  qa_batches: QaBatchesTable;
  gold_items: GoldItemsTable;
  gold_results: GoldResultsTable;
  qualifications: QualificationsTable;
  consensus: ConsensusTable;
  rate_cards: RateCardsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_legs: LedgerLegsTable;
  pay_periods: PayPeriodsTable;
  period_entries: PeriodEntriesTable;
  statements: StatementsTable;
  invoices: InvoicesTable;
  removals: RemovalsTable;
  models: ModelsTable;
  project_models: ProjectModelsTable;
  machine_jobs: MachineJobsTable;
  proposal_outcomes: ProposalOutcomesTable;
  backlog_samples: BacklogSamplesTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type TaskRow = Selectable<TasksTable>;
export type AnnotationRow = Selectable<AnnotationsTable>;
export type PredictionRow = Selectable<PredictionsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type ReviewRow = Selectable<ReviewsTable>;
export type QaBatchRow = Selectable<QaBatchesTable>;
export type WorkAttemptRow = Selectable<WorkAttemptsTable>;

// Pay and billing (0004_pay): append-only; amounts are integer minor units of `currency`.
export interface RateCardsTable { id: string; project_id: string; effective_from: Timestamp; currency: string; card: Json<Record<string, unknown>>; created_by: string | null; created_at: Generated<Date> }
export type LedgerKind = 'labour' | 'inspection' | 'revenue' | 'machine' | 'correction';
export type LedgerAccount = 'labour_expense' | 'payable' | 'receivable' | 'revenue' | 'machine_expense' | 'machine_payable';
export interface LedgerEntriesTable {
  id: string; key: string; project_id: string; kind: LedgerKind; user_id: string | null; task_id: string | null; item_id: string | null;
  attempt_id: string | null; rate_card_id: string | null; currency: string; amount_minor: number; method: string | null;
  detail: Json<Record<string, unknown>>; reverses: string | null; created_at: Generated<Date>;
}
export interface LedgerLegsTable { entry_id: string; account: LedgerAccount; user_id: string | null; amount_minor: number }
export interface PayPeriodsTable { id: string; project_id: string; label: string; starts_at: Timestamp; ends_at: Timestamp; closed_by: string | null; closed_at: Generated<Date> }
export interface PeriodEntriesTable { period_id: string; entry_id: string }
export interface StatementsTable { id: string; period_id: string; project_id: string; user_id: string; currency: string; total_minor: number; units: number; lines: Json<unknown[]> }
export interface InvoicesTable { id: string; period_id: string; project_id: string; currency: string; total_minor: number; units: number; lines: Json<unknown[]> }
export type LedgerEntryRow = Selectable<LedgerEntriesTable>;
export type RateCardRow = Selectable<RateCardsTable>;

// Machines as workers (0010_machine).
export interface ModelsTable {
  id: string; name: string; version: string; spec: Json<Record<string, unknown>>; classes: Generated<Json<string[]>>;
  worker_id: string; hour_rate_minor: Generated<number>; created_by: string | null; created_at: Generated<Date>; archived_at: Timestamp | null;
}
export interface ProjectModelsTable {
  project_id: string; model_id: string; class_map: Generated<Json<Record<string, string | null>>>; min_score: number | null; created_at: Generated<Date>;
}
export type MachineJobKind = 'prelabel' | 'evaluate' | 'train' | 'learn';
export type MachineJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export interface MachineJobsTable {
  id: string; project_id: string; model_id: string | null; kind: MachineJobKind; state: Generated<MachineJobState>;
  options: Generated<Json<Record<string, unknown>>>; total: Generated<number>; done: Generated<number>; failed: Generated<number>;
  error: string | null; attempts: Generated<number>; cancel_requested: Generated<boolean>; created_by: string | null;
  created_at: Generated<Date>; started_at: Timestamp | null; updated_at: Generated<Date>; finished_at: Timestamp | null;
  /** 0011: `{ unmapped: { modelClass: count }, failures: [{ itemId, name, error }] }`. */
  result: Generated<Json<MachineJobResult>>;
}
export interface MachineJobResult {
  unmapped?: Record<string, number>; failures?: { itemId: string; name: string; error: string }[];
  /** A train job: the last item sent (an attempt after a crash goes on after it). */
  cursor?: string;
  evaluation?: unknown; training?: unknown; learning?: unknown; qualification?: unknown;
}
export type ProposalOutcome = 'accepted' | 'edited' | 'deleted' | 'drawn';
export interface ProposalOutcomesTable {
  project_id: string; item_id: string; annotation_id: string; model_id: string | null; model_version: string | null;
  prediction_id: string | null; object_id: string; class: string; outcome: ProposalOutcome; score: number | null; created_at: Generated<Date>;
}
export type ModelRow = Selectable<ModelsTable>;
export type MachineJobRow = Selectable<MachineJobsTable>;
