// One assertion for the remote-model tests: the promise fails with a ModelError of this code whose
// message matches each pattern (the URL, the field, what was wrong). Tests only.
import assert from 'node:assert/strict';
import { ModelError } from '../types.ts';

export async function rejectsWith(p: Promise<unknown>, code: ModelError['code'], ...patterns: RegExp[]): Promise<ModelError> {
  let caught: unknown;
  await assert.rejects(p, (e) => { caught = e; return true; });
  assert.ok(caught instanceof ModelError, `expected a ModelError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const re of patterns) assert.match(caught.message, re);
  return caught;
}
