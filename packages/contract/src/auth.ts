// Sign-in, sessions, API tokens, and what I may do.
import { Type, type Static } from '@sinclair/typebox';
import { errors, ProjectParams, Role, User, Uuid } from './common.ts';
import { route } from './route.ts';

/** What a person may do in a project (the server's CAPABILITY_ROLES keys; the server checks they match). */
export const CAPABILITIES = ['annotate', 'review', 'qa', 'returned', 'manage', 'export', 'viewMembers', 'viewTasks', 'viewBacklog', 'viewBatches', 'viewQuality', 'viewDashboard'] as const;
export type Capability = (typeof CAPABILITIES)[number];
const Can = Type.Object(Object.fromEntries(CAPABILITIES.map((c) => [c, Type.Boolean()])) as Record<Capability, ReturnType<typeof Type.Boolean>>);

export const MyWork = Type.Object({
  doneToday: Type.Integer(),
  byState: Type.Record(Type.String(), Type.Integer()),
  held: Type.Array(Type.Object({ taskId: Uuid, projectId: Uuid, projectName: Type.String(), stage: Type.String(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]) })),
  recent: Type.Array(Type.Object({
    annotationId: Uuid, taskId: Type.Union([Uuid, Type.Null()]), projectId: Uuid, projectName: Type.String(),
    version: Type.Integer(), state: Type.String(), objects: Type.Integer(), submittedAt: Type.String(),
  })),
});
export type MyWork = Static<typeof MyWork>;

export const ApiToken = Type.Object({ id: Uuid, name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revoked: Type.Boolean() });
export type ApiToken = Static<typeof ApiToken>;

export const MyCapabilities = Type.Object({ admin: Type.Boolean(), createProjects: Type.Boolean() });
export type MyCapabilities = Static<typeof MyCapabilities>;
export const ProjectCapabilities = Type.Object({ roles: Type.Array(Role), can: Can });
export type ProjectCapabilities = Static<typeof ProjectCapabilities>;

export const authRoutes = {
  login: route('POST', '/api/auth/login', {
    tags: ['auth'], summary: 'Sign in with email and password; sets an HttpOnly session cookie',
    body: Type.Object({ email: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
    response: { 200: Type.Object({ user: User }), 429: errors[401], ...errors },
  }),
  logout: route('POST', '/api/auth/logout', { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errors } }),
  logoutEverywhere: route('POST', '/api/auth/logout-everywhere', {
    tags: ['auth'], summary: 'Sign out everywhere: end every session of mine, on every device, this one included (API tokens are revoked one by one)',
    response: { 200: Type.Object({ ended: Type.Integer({ description: 'sessions ended' }) }), ...errors },
  }),
  changePassword: route('POST', '/api/auth/password', {
    tags: ['auth'], summary: 'Change my password; my other sessions end, this one stays signed in, API tokens keep working',
    body: Type.Object({ currentPassword: Type.String(), newPassword: Type.String() }),
    response: { 204: Type.Null(), 429: errors[401], ...errors },
  }),
  me: route('GET', '/api/auth/me', { tags: ['auth'], summary: 'Who am I', response: { 200: User, ...errors } }),
  myWork: route('GET', '/api/me/work', {
    tags: ['auth'], summary: 'My work: submitted today, by state, tasks I hold, latest submissions',
    response: { 200: MyWork, ...errors },
  }),
  createToken: route('POST', '/api/tokens', {
    tags: ['auth'], summary: 'Create a personal API token (shown once)',
    body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
    response: { 201: Type.Object({ id: Uuid, name: Type.String(), token: Type.String() }), ...errors },
  }),
  listTokens: route('GET', '/api/tokens', { tags: ['auth'], summary: 'My API tokens', response: { 200: Type.Array(ApiToken), ...errors } }),
  revokeToken: route('DELETE', '/api/tokens/:tokenId', { tags: ['auth'], summary: 'Revoke a token', params: Type.Object({ tokenId: Uuid }), response: { 204: Type.Null(), ...errors } }),
  myCapabilities: route('GET', '/api/me/capabilities', { tags: ['auth'], summary: 'What I may do outside any project', response: { 200: MyCapabilities, ...errors } }),
  projectCapabilities: route('GET', '/api/projects/:projectId/capabilities', {
    tags: ['auth'], summary: 'My roles in the project and what they let me do (the web app shows only that)',
    params: ProjectParams, response: { 200: ProjectCapabilities, ...errors },
  }),
};
