// Where tests and benchmarks find the real data (../shared/data/SOURCES.md tells its origin and
// licences): `CADRE_SHARED_DATA`, or ../shared/data beside the repository. Tests only.
//
// A clone without it skips the real-data tests, says why, and `npm test` counts them at the end.
// Where the data must be there (CI, or CADRE_REQUIRE_SHARED_DATA=1) its absence is an error, so a
// green run can never hide tests that did not run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA = process.env.CADRE_SHARED_DATA
  ? resolve(process.env.CADRE_SHARED_DATA)
  : join(import.meta.dirname, '../../../../../shared/data');

export const hasSharedData = existsSync(join(SHARED_DATA, 'SOURCES.md'));

/** True where a run must not skip for want of data: CI, or CADRE_REQUIRE_SHARED_DATA=1. */
export const sharedDataRequired = process.env.CADRE_REQUIRE_SHARED_DATA === '1'
  || (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CADRE_REQUIRE_SHARED_DATA !== '0');

export const missingSharedData = `real data not found at ${SHARED_DATA} (put ../shared/data beside the repository or set CADRE_SHARED_DATA; see README "Tests")`;

if (!hasSharedData && sharedDataRequired) throw new Error(`${missingSharedData}; this run requires it (CI or CADRE_REQUIRE_SHARED_DATA=1)`);

/** Options for `test(name, needsSharedData, fn)`: skips, naming where it looked, when the data is absent. */
export const needsSharedData: { skip?: string } = hasSharedData ? {} : { skip: missingSharedData };
