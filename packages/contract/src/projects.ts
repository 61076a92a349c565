// Projects, their members, archiving and removal.
import { Type, type Static } from '@sinclair/typebox';
import { errors, Project, ProjectParams, Role, Uuid } from './common.ts';
import { route } from './route.ts';

const ProjectInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  ontology: Type.Unknown({ description: 'label classes: { classes: [{ name, kind, color?, hotkey?, attributes? }] }' }),
  settings: Type.Optional(Type.Unknown()),
});
const Counts = Type.Record(Type.String(), Type.Integer());
export const ProjectWithCounts = Type.Composite([Project, Type.Object({ counts: Counts, items: Type.Integer() })]);
export type ProjectWithCounts = Static<typeof ProjectWithCounts>;

export const Members = Type.Object({
  users: Type.Array(Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Type.String() })),
  teams: Type.Array(Type.Object({ id: Uuid, name: Type.String(), role: Type.String() })),
});
export type Members = Static<typeof Members>;

export const Removal = Type.Object({
  entity: Type.Union([Type.Literal('item'), Type.Literal('task')]), id: Uuid,
  accepted: Type.Integer({ description: 'accepted annotation versions it has' }),
  held: Type.Integer({ description: 'people holding a lease on it now' }),
  ledgerEntries: Type.Integer({ description: 'ledger entries that name it; they stay, and the money figures do not change' }),
  labour: Type.Array(Type.Object({ currency: Type.String(), amountMinor: Type.Integer() })),
  message: Type.String({ description: 'what removing it does, in words, for a confirmation' }),
});
export type Removal = Static<typeof Removal>;
const IdParams = Type.Object({ id: Uuid });

/** Median sizes of a class's accepted cuboids (metres), with how many boxes they come from. */
export const SizePriors = Type.Object({
  priors: Type.Record(Type.String(), Type.Object({ length: Type.Number(), width: Type.Number(), height: Type.Number(), boxes: Type.Integer() })),
  minBoxes: Type.Integer({ description: 'classes with fewer accepted boxes are left out' }),
});
export type SizePriors = Static<typeof SizePriors>;

export const projectRoutes = {
  sizePriors: route('GET', '/api/projects/:projectId/size-priors', {
    tags: ['projects'], summary: 'Cuboid sizes the project\'s accepted work teaches: per class, the median length, width and height (the 3D fitter completes half-seen objects to them)',
    params: ProjectParams, response: { 200: SizePriors, ...errors },
  }),
  listProjects: route('GET', '/api/projects', { tags: ['projects'], summary: 'Projects I belong to, with progress', response: { 200: Type.Array(ProjectWithCounts), ...errors } }),
  createProject: route('POST', '/api/projects', { tags: ['projects'], summary: 'Create a project (admin or manager)', body: ProjectInput, response: { 201: Project, ...errors } }),
  getProject: route('GET', '/api/projects/:projectId', { tags: ['projects'], summary: 'One project', params: ProjectParams, response: { 200: Project, ...errors } }),
  updateProject: route('PATCH', '/api/projects/:projectId', {
    tags: ['projects'], summary: 'Change name, description, ontology or settings (manager)', params: ProjectParams, body: Type.Partial(ProjectInput), response: { 200: Project, ...errors },
  }),
  listMembers: route('GET', '/api/projects/:projectId/members', { tags: ['projects'], summary: 'Members and teams of a project', params: ProjectParams, response: { 200: Members, ...errors } }),
  setMember: route('PUT', '/api/projects/:projectId/members', {
    tags: ['projects'], summary: 'Add a person (by id or email) or a team with a role', params: ProjectParams,
    body: Type.Object({ userId: Type.Optional(Uuid), email: Type.Optional(Type.String()), teamId: Type.Optional(Uuid), role: Role }),
    response: { 204: Type.Null(), ...errors },
  }),
  removeMember: route('DELETE', '/api/projects/:projectId/members/:userId', {
    tags: ['projects'], summary: 'Remove a person from a project', params: Type.Object({ projectId: Uuid, userId: Uuid }), response: { 204: Type.Null(), ...errors },
  }),
  archiveProject: route('POST', '/api/projects/:projectId/archive', {
    tags: ['projects'], summary: 'Archive a project: hidden from its workers, no new tasks handed out, restorable', params: ProjectParams, response: { 200: Project, ...errors },
  }),
  restoreProject: route('POST', '/api/projects/:projectId/restore', { tags: ['projects'], summary: 'Restore an archived project', params: ProjectParams, response: { 200: Project, ...errors } }),
  deleteProject: route('DELETE', '/api/projects/:projectId', {
    tags: ['projects'], summary: "Delete a project (its name typed back as confirmation); its work and its ledger are kept, out of reach", params: ProjectParams,
    body: Type.Object({ name: Type.String({ description: "the project's name, typed back" }) }),
    response: { 204: Type.Null(), ...errors },
  }),
  itemRemovalPreview: route('GET', '/api/items/:id/removal', {
    tags: ['projects'], summary: 'What removing this item would do, for the confirmation', params: IdParams, response: { 200: Removal, ...errors },
  }),
  removeItem: route('DELETE', '/api/items/:id', {
    tags: ['projects'], summary: 'Remove this item (a copy is kept in removals; the ledger keeps its entries)', params: IdParams, response: { 200: Removal, ...errors },
  }),
  taskRemovalPreview: route('GET', '/api/tasks/:id/removal', {
    tags: ['projects'], summary: 'What removing this task would do, for the confirmation', params: IdParams, response: { 200: Removal, ...errors },
  }),
  removeTask: route('DELETE', '/api/tasks/:id', {
    tags: ['projects'], summary: 'Remove this task (a copy is kept in removals; the ledger keeps its entries)', params: IdParams, response: { 200: Removal, ...errors },
  }),
};
