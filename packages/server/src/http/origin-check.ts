import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body is a file sent raw (import, upload), so any content type may come, under the origin rule. */
    takesFiles?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// What an HTML form or a no-preflight fetch on another site can send; every other type makes the
// browser ask first, and Cadre answers no cross-origin request.
const CROSS_SITE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/** The origin the browser says the request comes from: Origin, else the Referer's; undefined for a client that sends neither. */
function claimedOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin) return origin;
  const referer = request.headers.referer;
  if (!referer) return undefined;
  return URL.canParse(referer) ? new URL(referer).origin : 'null';
}

/**
 * CSRF defence for cookie sessions: a change (POST, PUT, PATCH, DELETE) is refused when the page
 * that sent it is not this server's own origin (port included) or one of `trustedOrigins`, and
 * the body types a cross-site form can send are refused where the route does not take files.
 * Bearer-token requests (the CLI, scripts) skip the origin rule: a browser never adds the token by itself.
 */
export function installOriginCheck(app: FastifyInstance, trustedOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const type = request.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
    const crossSiteType = type !== undefined && CROSS_SITE_TYPES.has(type);
    if (crossSiteType && !request.routeOptions.config.takesFiles) {
      throw new AppError('unsupported_media_type', `content-type ${type} is not accepted here; send the body as application/json`);
    }
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    const claimed = claimedOrigin(request);
    if (claimed !== undefined && !isOwnOrigin(claimed, request.headers.host, trustedOrigins)) {
      throw forbidden(`cross-origin request refused: it comes from ${claimed}, not from this server (${request.headers.host ?? 'no Host header'}); use the Cadre web app or an API token`);
    }
    if (crossSiteType && claimed === undefined) {
      throw forbidden(`a ${type} body with a session cookie needs an Origin or Referer header from this server; scripts use an API token`);
    }
  });
}

function isOwnOrigin(claimed: string, host: string | undefined, trusted: readonly string[]): boolean {
  if (trusted.includes(claimed)) return true;
  if (!host || !URL.canParse(claimed)) return false; // "null": a sandboxed frame, a file: page, a data: URL
  return new URL(claimed).host === host.toLowerCase();
}
