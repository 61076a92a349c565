// The few errors services raise; http/error-handler.ts is the one place that maps them to responses.
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'lease_lost'
  | 'lease_limit'
  | 'daily_cap'
  | 'import_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  /** The request body came slower than the least pace (CADRE_BODY_TIMEOUT_SECONDS): 408, and the connection closes. */
  | 'request_timeout'
  /** Object storage (CADRE_S3_*) cannot be reached right now: 503. */
  | 'storage_unavailable'
  /** Object storage refused Cadre (credentials, policy) or answered an error: 502, the server's configuration to fix. */
  | 'storage_failed';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const invalid = (message: string, details?: unknown) => new AppError('validation_failed', message, details);
