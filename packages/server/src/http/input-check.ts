import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { findNonFinite, findUnstorable } from '../storable.ts';

/**
 * Refuses text PostgreSQL cannot store (NUL, lone surrogates) and runaway nesting anywhere in the
 * path parameters, query or JSON body, naming the field, before the schema check or a service sees it.
 * A raw file body (import, upload) is a stream and is checked row by row by its reader instead.
 */
export function installInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts: Array<[string, unknown]> = [['params', request.params], ['querystring', request.query], ['body', request.body]];
    for (const [root, value] of parts) {
      const bad = findUnstorable(value, root);
      if (bad) throw new AppError('bad_request', `${bad.path}: ${bad.problem}`, [{ path: bad.path, message: bad.problem }]);
    }
  });
  // After the schema check, which turns a query's "1e999" into Infinity (and passes it as an integer within any bounds).
  app.addHook('preHandler', async (request) => {
    const parts: Array<[string, unknown]> = [['params', request.params], ['querystring', request.query], ['body', request.body]];
    for (const [root, value] of parts) {
      const bad = findNonFinite(value, root);
      if (bad) throw new AppError('bad_request', `${bad.path}: ${bad.problem}`, [{ path: bad.path, message: bad.problem }]);
    }
  });
}
