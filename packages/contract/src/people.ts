// Users and teams (admin).
import { Type, type Static } from '@sinclair/typebox';
import { errors, User, Uuid } from './common.ts';
import { route } from './route.ts';

export const Team = Type.Object({ id: Uuid, name: Type.String() });
export type Team = Static<typeof Team>;
const MemberRef = Type.Object({ userId: Type.Optional(Uuid), email: Type.Optional(Type.String()) });

export const peopleRoutes = {
  listUsers: route('GET', '/api/users', { tags: ['people'], summary: 'All users (admin)', response: { 200: Type.Array(User), ...errors } }),
  addUser: route('POST', '/api/users', {
    tags: ['people'], summary: 'Add a user (admin)',
    body: Type.Object({ email: Type.String(), name: Type.Optional(Type.String()), password: Type.String(), isAdmin: Type.Optional(Type.Boolean()) }),
    response: { 201: User, ...errors },
  }),
  setPassword: route('PUT', '/api/users/:userId/password', {
    tags: ['people'], summary: 'Set a new password for a user who forgot theirs (admin); all their sessions end',
    params: Type.Object({ userId: Uuid }), body: Type.Object({ password: Type.String() }),
    response: { 204: Type.Null(), ...errors },
  }),
  listTeams: route('GET', '/api/teams', { tags: ['people'], summary: 'Teams (admin)', response: { 200: Type.Array(Team), ...errors } }),
  createTeam: route('POST', '/api/teams', { tags: ['people'], summary: 'Create a team (admin)', body: Type.Object({ name: Type.String({ minLength: 1 }) }), response: { 201: Team, ...errors } }),
  teamMembers: route('GET', '/api/teams/:teamId/members', {
    tags: ['people'], summary: 'Members of a team', params: Type.Object({ teamId: Uuid }),
    response: { 200: Type.Array(Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Type.String() })), ...errors },
  }),
  setTeamMember: route('PUT', '/api/teams/:teamId/members', {
    tags: ['people'], summary: 'Add or update a team member', params: Type.Object({ teamId: Uuid }),
    body: Type.Composite([MemberRef, Type.Object({ role: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('member')])) })]),
    response: { 204: Type.Null(), ...errors },
  }),
};
