import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '@cadre/db';
import { AppError, type ErrorCode } from '../errors.ts';
import { ImportFileError } from '../import/index.ts';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  lease_lost: 409,
  lease_limit: 409,
  daily_cap: 409,
  import_failed: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  request_timeout: 408,
  storage_unavailable: 503,
  storage_failed: 502,
};

const body = (code: string, message: string, details?: unknown) => ({ error: details === undefined ? { code, message } : { code, message, details } });

/** The one place errors become responses: `{"error": {"code", "message", "details"}}`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      const retryAfter = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      if (err.code === 'request_timeout') reply.header('connection', 'close'); // the rest of a body that slow is not waited for
      return reply.status(STATUS[err.code]).send(body(err.code, err.message, err.details));
    }
    if (err instanceof ImportFileError) return reply.status(422).send(body('import_failed', err.message, { file: err.file, line: err.line }));
    if (isDatabaseUnavailable(err)) {
      // The database restarts, fails over or had its connections cut; the pool reconnects on the next
      // request, so the client is told to try again shortly (a submit retried with its submission id is stored once).
      return reply.status(503).header('retry-after', '5').send(body('database_unavailable', 'the database cannot be reached right now; try again in a few seconds'));
    }
    if (isDiskFull(err)) {
      request.log.error({ err, method: request.method, url: request.url }, 'disk full');
      return reply.status(507).send(body('insufficient_storage', "the server's disk is full, so nothing of this request was stored; an administrator must make room, then try again"));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const details = fe.validation.map((v) => ({ path: `${fe.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`, message: v.message ?? 'invalid' }));
      return reply.status(400).send(body('bad_request', `invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details));
    }
    if (fe.statusCode && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : fe.statusCode === 404 ? 'not_found' : 'bad_request';
      return reply.status(fe.statusCode).send(body(code, fe.message));
    }
    // Logged whatever CADRE_LOG_REQUESTS says (the logger keeps errors when request logging is off).
    request.log.error({ err, method: request.method, url: request.url }, 'unexpected error');
    return reply.status(500).send(body('internal', `something went wrong on the server; it has been logged with request id ${request.id}`, { requestId: request.id }));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)));
}

/** No room left: a file write (ENOSPC, or EDQUOT over a quota) or PostgreSQL's own disk (SQLSTATE 53100). */
function isDiskFull(e: unknown, depth = 0): boolean {
  if (!(e instanceof Error) || depth > 4) return false;
  const code = (e as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === '53100' || isDiskFull(e.cause, depth + 1);
}
