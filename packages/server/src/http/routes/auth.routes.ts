import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auth, loginThrottle, userService, workService, type ServiceDeps } from '../../services/index.ts';
import type { LoginLimits } from '../../services/login-throttle.ts';
import { actorOf, SESSION_COOKIE } from '../auth.ts';
import { errors, User, Uuid } from '../schemas.ts';
import { users } from '@cadre/db';

export const authRoutes = (deps: ServiceDeps, secureCookies: boolean, loginLimits: LoginLimits): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Sign in with email and password; sets an HttpOnly session cookie',
      body: Type.Object({ email: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
      response: { 200: Type.Object({ user: User }), 429: errors[401], ...errors },
    },
  }, async (request, reply) => {
    const { email, password } = request.body;
    const { token, user } = await loginThrottle.throttledLogin(deps, loginLimits, { email, address: request.ip }, () => auth.login(deps, email, password));
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', maxAge: auth.SESSION_TTL_SECONDS });
    return { user };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    if (request.sessionToken) await auth.logout(deps, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/auth/password', {
    schema: {
      tags: ['auth'], summary: 'Change my password; my other sessions end, this one stays signed in, API tokens keep working',
      body: Type.Object({ currentPassword: Type.String(), newPassword: Type.String() }),
      response: { 204: Type.Null(), 429: errors[401], ...errors },
    },
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

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: User, ...errors } } }, async (request) => {
    const user = await users.findUser(deps.db, actorOf(request).userId);
    return auth.publicUser(user!);
  });

  app.get('/api/me/work', {
    schema: {
      tags: ['auth'], summary: 'My work: submitted today, by state, tasks I hold, latest submissions',
      response: { 200: Type.Object({
        doneToday: Type.Integer(),
        byState: Type.Record(Type.String(), Type.Integer()),
        held: Type.Array(Type.Object({ taskId: Uuid, projectId: Uuid, projectName: Type.String(), stage: Type.String(), leaseExpiresAt: Type.Union([Type.String(), Type.Null()]) })),
        recent: Type.Array(Type.Object({
          annotationId: Uuid, taskId: Type.Union([Uuid, Type.Null()]), projectId: Uuid, projectName: Type.String(),
          version: Type.Integer(), state: Type.String(), objects: Type.Integer(), submittedAt: Type.String(),
        })),
      }), ...errors },
    },
  }, async (request) => workService.myWork(deps, actorOf(request)));

  app.post('/api/tokens', {
    schema: {
      tags: ['auth'], summary: 'Create a personal API token (shown once)',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 201: Type.Object({ id: Uuid, name: Type.String(), token: Type.String() }), ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await auth.createApiToken(deps, actorOf(request), request.body.name)));

  app.get('/api/tokens', {
    schema: {
      tags: ['auth'], summary: 'My API tokens',
      response: { 200: Type.Array(Type.Object({ id: Uuid, name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revoked: Type.Boolean() })), ...errors },
    },
  }, async (request) => (await auth.listApiTokens(deps, actorOf(request))).map((t) => ({
    id: t.id, name: t.name, createdAt: t.created_at.toISOString(), lastUsedAt: t.last_used_at?.toISOString() ?? null, revoked: t.revoked_at !== null,
  })));

  app.delete('/api/tokens/:tokenId', {
    schema: { tags: ['auth'], summary: 'Revoke a token', params: Type.Object({ tokenId: Uuid }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await auth.revokeApiToken(deps, actorOf(request), request.params.tokenId);
    return reply.status(204).send(null);
  });
};
