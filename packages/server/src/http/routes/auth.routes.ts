import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@cadre/contract';
import { auth, loginThrottle, userService, workService, type ServiceDeps } from '../../services/index.ts';
import type { LoginLimits } from '../../services/login-throttle.ts';
import { actorOf, SESSION_COOKIE } from '../auth.ts';
import { users } from '@cadre/db';

export const authRoutes = (deps: ServiceDeps, secureCookies: boolean, loginLimits: LoginLimits): FastifyPluginAsyncTypebox => async (app) => {
  app.post(routes.login.url, {
    config: { public: true },
    schema: routes.login.schema,
  }, async (request, reply) => {
    const { email, password } = request.body;
    const { token, user } = await loginThrottle.throttledLogin(deps, loginLimits, { email, address: request.ip }, () => auth.login(deps, email, password));
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', maxAge: auth.SESSION_TTL_SECONDS });
    return { user };
  });

  app.post(routes.logout.url, { schema: routes.logout.schema }, async (request, reply) => {
    if (request.sessionToken) await auth.logout(deps, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(routes.logoutEverywhere.url, { schema: routes.logoutEverywhere.schema }, async (request, reply) => {
    const ended = await auth.endSessions(deps.db, actorOf(request).userId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ended };
  });

  app.post(routes.changePassword.url, {
    schema: routes.changePassword.schema,
  }, async (request, reply) => {
    const actor = actorOf(request);
    const me = await users.findUser(deps.db, actor.userId);
    // A borrowed or stolen session must not become a way to guess the password: wrong current
    // passwords count against the same limits as failed sign-ins of the account (a too-short new
    // password is refused first; it is no guess).
    auth.checkPassword(request.body.newPassword, 'newPassword');
    await loginThrottle.throttledLogin(deps, loginLimits, { email: me!.email, address: request.ip },
      () => userService.changeOwnPassword(deps, actor, request.body, request.sessionToken));
    return reply.status(204).send(null);
  });

  app.get(routes.me.url, { schema: routes.me.schema }, async (request) => {
    const user = await users.findUser(deps.db, actorOf(request).userId);
    return auth.publicUser(user!);
  });

  app.get(routes.myWork.url, {
    schema: routes.myWork.schema,
  }, async (request) => workService.myWork(deps, actorOf(request)));

  app.post(routes.createToken.url, {
    schema: routes.createToken.schema,
  }, async (request, reply) => reply.status(201).send(await auth.createApiToken(deps, actorOf(request), request.body.name)));

  app.get(routes.listTokens.url, {
    schema: routes.listTokens.schema,
  }, async (request) => (await auth.listApiTokens(deps, actorOf(request))).map((t) => ({
    id: t.id, name: t.name, createdAt: t.created_at.toISOString(), lastUsedAt: t.last_used_at?.toISOString() ?? null, revoked: t.revoked_at !== null,
  })));

  app.delete(routes.revokeToken.url, {
    schema: routes.revokeToken.schema,
  }, async (request, reply) => {
    await auth.revokeApiToken(deps, actorOf(request), request.params.tokenId);
    return reply.status(204).send(null);
  });
};
