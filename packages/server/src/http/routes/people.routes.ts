import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { teamService, userService, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, User, Uuid } from '../schemas.ts';

const Team = Type.Object({ id: Uuid, name: Type.String() });
const MemberRef = Type.Object({ userId: Type.Optional(Uuid), email: Type.Optional(Type.String()) });

export const peopleRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/users', { schema: { tags: ['people'], summary: 'All users (admin)', response: { 200: Type.Array(User), ...errors } } },
    async (request) => userService.listUsers(deps, actorOf(request)));

  app.post('/api/users', {
    schema: {
      tags: ['people'], summary: 'Add a user (admin)',
      body: Type.Object({ email: Type.String(), name: Type.Optional(Type.String()), password: Type.String(), isAdmin: Type.Optional(Type.Boolean()) }),
      response: { 201: User, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await userService.addUser(deps, actorOf(request), request.body)));

  app.put('/api/users/:userId/password', {
    schema: {
      tags: ['people'], summary: 'Set a new password for a user who forgot theirs (admin); all their sessions end',
      params: Type.Object({ userId: Uuid }), body: Type.Object({ password: Type.String() }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    await userService.setPasswordFor(deps, actorOf(request), request.params.userId, request.body.password);
    return reply.status(204).send(null);
  });

  app.get('/api/teams', { schema: { tags: ['people'], summary: 'Teams (admin)', response: { 200: Type.Array(Team), ...errors } } },
    async (request) => teamService.listTeams(deps, actorOf(request)));

  app.post('/api/teams', {
    schema: { tags: ['people'], summary: 'Create a team (admin)', body: Type.Object({ name: Type.String({ minLength: 1 }) }), response: { 201: Team, ...errors } },
  }, async (request, reply) => reply.status(201).send(await teamService.createTeam(deps, actorOf(request), request.body.name)));

  app.get('/api/teams/:teamId/members', {
    schema: {
      tags: ['people'], summary: 'Members of a team', params: Type.Object({ teamId: Uuid }),
      response: { 200: Type.Array(Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Type.String() })), ...errors },
    },
  }, async (request) => teamService.teamMembers(deps, actorOf(request), request.params.teamId));

  app.put('/api/teams/:teamId/members', {
    schema: {
      tags: ['people'], summary: 'Add or update a team member', params: Type.Object({ teamId: Uuid }),
      body: Type.Composite([MemberRef, Type.Object({ role: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('member')])) })]),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    await teamService.addTeamMember(deps, actorOf(request), request.params.teamId, request.body);
    return reply.status(204).send(null);
  });
};
