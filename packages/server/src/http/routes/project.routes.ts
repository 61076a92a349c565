import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { projectService, type ServiceDeps } from '../../services/index.ts';
import { actorOf } from '../auth.ts';
import { errors, Project, Role, Uuid } from '../schemas.ts';

const ProjectParams = Type.Object({ projectId: Uuid });
const ProjectInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  ontology: Type.Unknown({ description: 'label classes: { classes: [{ name, kind, color?, hotkey?, attributes? }] }' }),
  settings: Type.Optional(Type.Unknown()),
});
const Counts = Type.Record(Type.String(), Type.Integer());

export const projectRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/projects', {
    schema: { tags: ['projects'], summary: 'Projects I belong to, with progress', response: { 200: Type.Array(Type.Composite([Project, Type.Object({ counts: Counts, items: Type.Integer() })])), ...errors } },
  }, async (request) => projectService.listProjects(deps, actorOf(request)));

  app.post('/api/projects', {
    schema: { tags: ['projects'], summary: 'Create a project (admin or manager)', body: ProjectInput, response: { 201: Project, ...errors } },
  }, async (request, reply) => reply.status(201).send(await projectService.createProject(deps, actorOf(request), request.body)));

  app.get('/api/projects/:projectId', {
    schema: { tags: ['projects'], summary: 'One project', params: ProjectParams, response: { 200: Project, ...errors } },
  }, async (request) => projectService.getProject(deps, actorOf(request), request.params.projectId));

  app.patch('/api/projects/:projectId', {
    schema: { tags: ['projects'], summary: 'Change name, description, ontology or settings (manager)', params: ProjectParams, body: Type.Partial(ProjectInput), response: { 200: Project, ...errors } },
  }, async (request) => projectService.updateProject(deps, actorOf(request), request.params.projectId, request.body));

  app.get('/api/projects/:projectId/members', {
    schema: {
      tags: ['projects'], summary: 'Members and teams of a project', params: ProjectParams,
      response: { 200: Type.Object({
        users: Type.Array(Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), role: Type.String() })),
        teams: Type.Array(Type.Object({ id: Uuid, name: Type.String(), role: Type.String() })),
      }), ...errors },
    },
  }, async (request) => projectService.listMembers(deps, actorOf(request), request.params.projectId));

  app.put('/api/projects/:projectId/members', {
    schema: {
      tags: ['projects'], summary: 'Add a person (by id or email) or a team with a role', params: ProjectParams,
      body: Type.Object({ userId: Type.Optional(Uuid), email: Type.Optional(Type.String()), teamId: Type.Optional(Uuid), role: Role }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const { teamId, role } = request.body;
    if (teamId) await projectService.setTeamRole(deps, actorOf(request), request.params.projectId, teamId, role);
    else await projectService.setMember(deps, actorOf(request), request.params.projectId, request.body);
    return reply.status(204).send(null);
  });

  app.delete('/api/projects/:projectId/members/:userId', {
    schema: { tags: ['projects'], summary: 'Remove a person from a project', params: Type.Object({ projectId: Uuid, userId: Uuid }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await projectService.removeMember(deps, actorOf(request), request.params.projectId, request.params.userId);
    return reply.status(204).send(null);
  });
};
