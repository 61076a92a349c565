// Who may call each route of the contract: the expected-access table the services' gates are held
// to. The gates themselves live in the services (requireProjectRole, requireAdmin); this table is
// what they should add up to, written down once so a review can read it and `npm test` can check
// it (test/role-matrix.test.ts calls every route as every kind of person and fails for a route
// with no rule, for a rule of no route, and for any answer that differs from the rule).
//
// What a refusal looks like: anonymous gets 401; a signed-in person outside the project gets the
// same 404 as for an id that does not exist (no probing other customers' projects); a member of
// the project without the role, or a person without the instance-wide right, gets 403 (or 404 for
// rows of other people they may not know of). A refused request changes nothing.
import type { routes } from '@cadre/contract';
import type { Role } from '@cadre/db';

export type RouteName = keyof typeof routes;

export type Rule =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in person, about themselves (their session, password, tokens, work). */
  | 'signed-in'
  /** Any signed-in person, on a row of their own named in the path; anyone else's is not found. */
  | 'self'
  /** Instance administrators only. */
  | 'admin'
  /** Administrators and whoever manages at least one project (start projects, read the model registry). */
  | 'admin-or-manager'
  /**
   * Administrators and these roles in the project the route names (in its path, or as the project
   * of the item, task, batch or job it names). `ownOnly` roles reach only rows of their own (a task
   * they hold or did, a job they started, their statement); on anyone else's they are refused.
   */
  | { project: readonly Role[]; ownOnly?: readonly Role[] };

const ALL: readonly Role[] = ['manager', 'reviewer', 'annotator', 'client'];
const MANAGER: readonly Role[] = ['manager'];
/** Take and do labelling work (STAGE_ROLES.annotate). */
const LABELLERS: readonly Role[] = ['annotator', 'manager'];
/** Take and do review and QA work. */
const REVIEWERS: readonly Role[] = ['reviewer', 'manager'];
/** Hold a task of some stage (heartbeat, skip). */
const HOLDERS: readonly Role[] = ['annotator', 'reviewer', 'manager'];
const RUN: readonly Role[] = ['manager', 'reviewer'];

export const ACCESS: Record<RouteName, Rule> = {
  health: 'public',
  login: 'public',
  logout: 'signed-in', logoutEverywhere: 'signed-in', changePassword: 'signed-in', me: 'signed-in', myWork: 'signed-in',
  createToken: 'signed-in', listTokens: 'signed-in', revokeToken: 'self', myCapabilities: 'signed-in',
  projectCapabilities: { project: ALL },

  listUsers: 'admin', addUser: 'admin', setPassword: 'admin',
  listTeams: 'admin', createTeam: 'admin', teamMembers: 'admin', setTeamMember: 'admin',

  sizePriors: { project: ['manager', 'reviewer', 'annotator'] },
  listProjects: 'signed-in', // each sees the projects they are in (administrators all)
  createProject: 'admin-or-manager',
  getProject: { project: ALL },
  updateProject: { project: MANAGER },
  listMembers: { project: RUN },
  setMember: { project: MANAGER },
  removeMember: { project: MANAGER },
  archiveProject: { project: MANAGER }, restoreProject: { project: MANAGER }, deleteProject: { project: MANAGER },
  itemRemovalPreview: { project: MANAGER }, removeItem: { project: MANAGER },
  taskRemovalPreview: { project: MANAGER }, removeTask: { project: MANAGER },

  claimTask: { project: LABELLERS }, // the annotate queue; review and qa queues take REVIEWERS
  myTasks: { project: LABELLERS },
  heldTasks: { project: HOLDERS },
  openTask: { project: LABELLERS }, // a labelling task; a review task takes REVIEWERS
  listTasks: { project: RUN },
  tasksView: { project: RUN }, bulkTasks: { project: MANAGER },
  getTask: { project: RUN, ownOnly: ['annotator', 'client'] },
  heartbeat: { project: HOLDERS },
  saveDraft: { project: LABELLERS },
  submitTask: { project: LABELLERS },
  skipTask: { project: HOLDERS },
  itemAnnotations: { project: ['manager', 'reviewer', 'client'] },

  importFile: { project: MANAGER }, importFolder: { project: MANAGER }, upload: { project: MANAGER },
  exportProject: { project: ['manager', 'client'] },
  itemAsset: { project: ALL }, itemInfo: { project: ALL },

  reviewTask: { project: REVIEWERS },
  returned: { project: LABELLERS },
  listBatches: { project: RUN },
  closeBatch: { project: MANAGER },
  stageBacklog: { project: ['manager', 'reviewer', 'client'] },
  quality: { project: RUN },
  dawidSkene: { project: MANAGER },
  makeGold: { project: MANAGER }, listGold: { project: MANAGER },

  dashboardViews: { project: ALL },
  // The view in the path decides (VIEW_ROLES): me for HOLDERS, client for client and manager; the rule is the admin view's.
  dashboard: { project: MANAGER }, dashboardStream: { project: MANAGER }, charts: { project: MANAGER },

  rateCards: { project: MANAGER }, putRateCard: { project: MANAGER }, closePayPeriod: { project: MANAGER },
  statements: { project: HOLDERS }, // a manager sees every statement, anyone else their own
  statementCsv: { project: MANAGER, ownOnly: ['reviewer', 'annotator'] },
  invoices: { project: ['manager', 'client'] }, invoiceCsv: { project: ['manager', 'client'] },
  money: { project: MANAGER }, correctLedger: { project: MANAGER },

  projectModelReport: { project: MANAGER }, modelReport: 'admin',
  listModels: 'admin-or-manager', getModel: 'admin-or-manager', registerModel: 'admin', updateModel: 'admin',
  projectModels: { project: MANAGER }, attachModel: { project: MANAGER }, detachModel: { project: MANAGER },
  startJob: { project: MANAGER }, projectJobs: { project: MANAGER },
  autoLabelItem: { project: MANAGER, ownOnly: ['annotator', 'reviewer'] }, // a manager, or whoever holds the item's task
  startLearning: { project: MANAGER }, learning: { project: MANAGER },
  getJob: { project: MANAGER, ownOnly: ['reviewer', 'annotator', 'client'] }, // a manager, or the member who started it
  jobStream: { project: MANAGER, ownOnly: ['reviewer', 'annotator', 'client'] },
  cancelJob: { project: MANAGER, ownOnly: ['reviewer', 'annotator', 'client'] },

  auditLog: 'admin', auditCsv: 'admin',
  projectAlerts: { project: MANAGER }, projectAlertsCsv: { project: MANAGER },
};

/** Who calls, as the table sees them. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  /** Signed in; `roles` in the project the route names (none: an outsider); `managesSomewhere`: manager of some project. */
  | { kind: 'person'; roles: readonly Role[]; managesSomewhere: boolean };

/** Whether the rule lets this caller in on a row that is not their own. */
export function allows(rule: Rule, caller: Caller): boolean {
  if (rule === 'public') return true;
  if (caller.kind === 'anonymous') return false;
  if (rule === 'signed-in' || rule === 'self') return true;
  if (caller.kind === 'admin') return true;
  if (rule === 'admin') return false;
  if (rule === 'admin-or-manager') return caller.managesSomewhere;
  return caller.roles.some((r) => rule.project.includes(r));
}
