import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserRow } from '@cadre/db';
import { AppError } from '../errors.ts';
import { auth, type Actor, type ServiceDeps } from '../services/index.ts';

export const SESSION_COOKIE = 'cadre_session';

declare module 'fastify' {
  interface FastifyRequest { actor?: Actor; sessionToken?: string }
  interface FastifyContextConfig { public?: boolean }
}

async function userOf(deps: ServiceDeps, request: FastifyRequest): Promise<UserRow | undefined> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return auth.userForApiToken(deps, header.slice(7).trim());
  const session = request.cookies[SESSION_COOKIE];
  if (session) {
    request.sessionToken = session;
    return auth.userForSession(deps, session);
  }
  return undefined;
}

/** Every route needs a signed-in user unless its config says `public: true`. */
export function installAuth(app: FastifyInstance, deps: ServiceDeps): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const user = await userOf(deps, request);
    if (!user) throw new AppError('unauthenticated', 'sign in first, or send an API token as "Authorization: Bearer <token>"');
    request.actor = auth.toActor(user);
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}
