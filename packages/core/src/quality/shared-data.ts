// Where the simulations find real data: ../shared/data beside the repository (CI lays it there), or
// CADRE_SHARED_DATA. A clone without it skips them and says why in the report. Tests only.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA = process.env.CADRE_SHARED_DATA
  ? resolve(process.env.CADRE_SHARED_DATA)
  : join(import.meta.dirname, '../../../../../shared/data');

export const needsSharedData = existsSync(join(SHARED_DATA, 'SOURCES.md'))
  ? {}
  : { skip: `real data not found at ${SHARED_DATA} (set CADRE_SHARED_DATA)` };
