import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes, type Capability as ContractCapability } from '@cadre/contract';
import type { ServiceDeps } from '../../services/index.ts';
import { myCapabilities, projectCapabilities, type Capability } from '../../services/capabilities.ts';
import { actorOf } from '../auth.ts';

// The contract lists the capabilities the services grant: the two lists must be the same.
const sameCapabilities: [Capability, ContractCapability] extends [ContractCapability, Capability] ? true : false = true;
void sameCapabilities;

export const capabilityRoutes = (deps: ServiceDeps): FastifyPluginAsyncTypebox => async (app) => {
  app.get(routes.myCapabilities.url, {
    schema: routes.myCapabilities.schema,
  }, async (request) => myCapabilities(deps, actorOf(request)));

  app.get(routes.projectCapabilities.url, {
    schema: routes.projectCapabilities.schema,
  }, async (request) => projectCapabilities(deps, actorOf(request), request.params.projectId));
};
