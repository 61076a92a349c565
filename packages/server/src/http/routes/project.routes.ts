import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { projectService, type ServiceDeps } from '../../services/index.ts';
import { projectSizePriors } from '../../services/size-priors.service.ts';
import { actorOf } from '../auth.ts';

export const projectRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.listProjects.url, {
    schema: routes.listProjects.schema,
  }, async (request) => projectService.listProjects(deps, actorOf(request)));

  app.post(routes.createProject.url, {
    schema: routes.createProject.schema,
  }, async (request, reply) => reply.status(201).send(await projectService.createProject(deps, actorOf(request), request.body)));

  app.get(routes.sizePriors.url, {
    schema: routes.sizePriors.schema,
  }, async (request) => projectSizePriors(deps, actorOf(request), request.params.projectId));

  app.get(routes.getProject.url, {
    schema: routes.getProject.schema,
  }, async (request) => projectService.getProject(deps, actorOf(request), request.params.projectId));

  app.patch(routes.updateProject.url, {
    schema: routes.updateProject.schema,
  }, async (request) => projectService.updateProject(deps, actorOf(request), request.params.projectId, request.body));

  app.get(routes.listMembers.url, {
    schema: routes.listMembers.schema,
  }, async (request) => projectService.listMembers(deps, actorOf(request), request.params.projectId));

  app.put(routes.setMember.url, {
    schema: routes.setMember.schema,
  }, async (request, reply) => {
    const { teamId, role } = request.body;
    if (teamId) await projectService.setTeamRole(deps, actorOf(request), request.params.projectId, teamId, role);
    else await projectService.setMember(deps, actorOf(request), request.params.projectId, request.body);
    return reply.status(204).send(null);
  });

  app.delete(routes.removeMember.url, {
    schema: routes.removeMember.schema,
  }, async (request, reply) => {
    await projectService.removeMember(deps, actorOf(request), request.params.projectId, request.params.userId);
    return reply.status(204).send(null);
  });
};
