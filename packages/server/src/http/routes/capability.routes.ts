import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceDeps } from '../../services/index.ts';
import { CAPABILITY_ROLES, myCapabilities, projectCapabilities } from '../../services/capabilities.ts';
import { actorOf } from '../auth.ts';
import { errors, Role, Uuid } from '../schemas.ts';

const Can = Type.Object(Object.fromEntries(Object.keys(CAPABILITY_ROLES).map((c) => [c, Type.Boolean()])));

export const capabilityRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/me/capabilities', {
    schema: { tags: ['auth'], summary: 'What I may do outside any project', response: { 200: Type.Object({ admin: Type.Boolean(), createProjects: Type.Boolean() }), ...errors } },
  }, async (request) => myCapabilities(deps, actorOf(request)));

  app.get('/api/projects/:projectId/capabilities', {
    schema: {
      tags: ['auth'], summary: 'My roles in the project and what they let me do (the web app shows only that)',
      params: Type.Object({ projectId: Uuid }), response: { 200: Type.Object({ roles: Type.Array(Role), can: Can }), ...errors },
    },
  }, async (request) => projectCapabilities(deps, actorOf(request), request.params.projectId));
};
