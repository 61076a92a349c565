import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { teamService, userService, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';

export const peopleRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.listUsers.url, { schema: routes.listUsers.schema },
    async (request) => userService.listUsers(deps, actorOf(request)));

  app.post(routes.addUser.url, {
    schema: routes.addUser.schema,
  }, async (request, reply) => reply.status(201).send(await userService.addUser(deps, actorOf(request), request.body)));

  app.put(routes.setPassword.url, {
    schema: routes.setPassword.schema,
  }, async (request, reply) => {
    await userService.setPasswordFor(deps, actorOf(request), request.params.userId, request.body.password);
    return reply.status(204).send(null);
  });

  app.get(routes.listTeams.url, { schema: routes.listTeams.schema },
    async (request) => teamService.listTeams(deps, actorOf(request)));

  app.post(routes.createTeam.url, {
    schema: routes.createTeam.schema,
  }, async (request, reply) => reply.status(201).send(await teamService.createTeam(deps, actorOf(request), request.body.name)));

  app.get(routes.teamMembers.url, {
    schema: routes.teamMembers.schema,
  }, async (request) => teamService.teamMembers(deps, actorOf(request), request.params.teamId));

  app.put(routes.setTeamMember.url, {
    schema: routes.setTeamMember.schema,
  }, async (request, reply) => {
    await teamService.addTeamMember(deps, actorOf(request), request.params.teamId, request.body);
    return reply.status(204).send(null);
  });
};
