// The limit Cadre's HTTP figures are compared with: a bare Fastify server on the same database that
// runs only the lease statement Cadre uses (`leases.lease`, kind `queue`: role and hold checks,
// skips, pick, lease, `leased` event)
// and one raw annotation insert, under the same load generator. No auth lookup (tokens map to
// users in memory), no settings, no validation, no task view, no workflow: none of Cadre's
// per-request work, so Cadre over bare is what that work costs.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { connect, leases } from '@cadre/db';

export interface BareServer { url: string; stop(): Promise<void> }

// Closes the task and stores the work as the item's next version, in one statement.
const SUBMIT = {
  name: 'bench_bare_submit',
  text: `
    WITH done AS (
      UPDATE tasks SET status = 'done', lease_expires_at = NULL, updated_at = now()
      WHERE id = $1 AND assignee_id = $2 AND status = 'leased'
      RETURNING id, project_id, item_id
    )
    INSERT INTO annotations (id, project_id, item_id, task_id, version, author_id, author_kind, submission_id, state, schema_version, payload)
    SELECT $3, project_id, item_id, id, coalesce((SELECT max(version) FROM annotations a WHERE a.item_id = done.item_id), 0) + 1,
      $2, 'human', $4, 'submitted', 1, $5::jsonb
    FROM done RETURNING id, version`,
};

/** `users`: API token -> user id, as the bench created them. Pool size as Cadre's. */
export async function startBareServer(databaseUrl: string, users: ReadonlyMap<string, string>, poolSize: number): Promise<BareServer> {
  const { db, pool } = connect({ url: databaseUrl, max: poolSize });
  const app = Fastify({ logger: false });
  const userOf = (authorization: string | undefined) => users.get(authorization?.slice(7) ?? '');
  app.post<{ Params: { id: string } }>('/api/projects/:id/tasks/next', async (request, reply) => {
    const userId = userOf(request.headers.authorization);
    if (!userId) return reply.code(401).send({ error: { code: 'unauthenticated' } });
    const task = await leases.lease(pool, {
      kind: 'queue', workerId: userId, workerKind: 'user', projectId: request.params.id, stage: 'annotate',
      leaseSeconds: 1800, maxHeld: 2, roles: ['annotator', 'manager'], bypassRoles: false, copies: false,
    });
    return { task: task ? { task: { id: task.id } } : null };
  });
  app.post<{ Params: { id: string }; Body: { submissionId: string; annotation: unknown } }>('/api/tasks/:id/submit', async (request, reply) => {
    const userId = userOf(request.headers.authorization);
    if (!userId) return reply.code(401).send({ error: { code: 'unauthenticated' } });
    const { submissionId, annotation } = request.body;
    const { rows } = await pool.query<{ id: string; version: number }>({ ...SUBMIT, values: [request.params.id, userId, randomUUID(), submissionId, JSON.stringify(annotation)] });
    if (!rows[0]) return reply.code(409).send({ error: { code: 'lease_lost' } });
    return { annotationId: rows[0].id, version: rows[0].version };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async stop() {
      await app.close();
      await db.destroy();
    },
  };
}
