import { AppError } from '../errors.ts';
import { ObjectStoreError } from './object-store.ts';

/** A storage failure as the house error: 404 for a missing bucket or object, 503 unreachable, 502 refused. */
export function storageError(e: ObjectStoreError): AppError {
  const details = { url: e.url, storage: e.code };
  switch (e.code) {
    case 'no_bucket':
    case 'no_object': return new AppError('not_found', e.message, details);
    case 'unreachable': return new AppError('storage_unavailable', e.message, { ...details, retryAfterSeconds: 10 });
    default: return new AppError('storage_failed', e.message, details);
  }
}

/** Runs a storage call, its failure as the house error. */
export async function fromStorage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof ObjectStoreError ? storageError(e) : e;
  }
}
