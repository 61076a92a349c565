export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** One problem found in untrusted input; `path` is JSON-style, e.g. `classes[2].attributes[0].options`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}
