// Fixtures: the admin, projects, annotators with API tokens, and generated Label Studio rows.
import { sql } from 'kysely';
import { auth, importer, projectService, type Actor, type imports, type ServiceDeps } from '@cadre/server';
import { mapLimit } from './stats.ts';

export const ONTOLOGY = { classes: [{ name: 'car', kind: 'bbox2d' }] };
const PASSWORD = 'bench-password-1';

export async function createAdmin(deps: ServiceDeps): Promise<Actor> {
  const u = await auth.createUser(deps, { email: 'bench-admin@cadre.local', name: 'Bench admin', password: PASSWORD, isAdmin: true });
  return { userId: u.id, isAdmin: true };
}

export async function createProject(deps: ServiceDeps, admin: Actor, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const p = await projectService.createProject(deps, admin, { name, ontology: ONTOLOGY, settings });
  return p.id;
}

export interface Annotator { actor: Actor; token: string }

/** Annotators through the real services: scrypt-hashed password, project membership, API token. */
export async function createAnnotators(deps: ServiceDeps, admin: Actor, projectId: string, n: number, prefix: string): Promise<Annotator[]> {
  return mapLimit(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const u = await auth.createUser(deps, { email: `${prefix}-${i}@bench.local`, password: PASSWORD });
    await projectService.setMember(deps, admin, projectId, { userId: u.id, role: 'annotator' });
    const actor: Actor = { userId: u.id, isAdmin: false };
    const { token } = await auth.createApiToken(deps, actor, 'bench');
    return { actor, token };
  });
}

const image = (i: number) => `https://media.bench.example/img_${String(i).padStart(6, '0')}.jpg`;
const PREDICTION = '[{"model_version":"yolo-v8","score":0.87,"result":[{"type":"rectanglelabels","value":{"x":10,"y":20,"width":30,"height":40,"rectanglelabels":["car"]}}]}]';

/** One small Label Studio row; every tenth carries a model prediction. */
export function labelStudioLine(i: number): string {
  return i % 10 === 0
    ? `{"data":{"image":"${image(i)}"},"predictions":${PREDICTION}}\n`
    : `{"data":{"image":"${image(i)}"}}\n`;
}

/** Already-parsed rows for projects whose import is not what is measured. */
export async function* generatedRows(n: number): AsyncGenerator<imports.RowResult> {
  for (let i = 0; i < n; i++) yield { ok: true, row: { line: i + 1, data: { image: image(i) }, predictions: [], priority: 0 } };
}

/** Fills a project with `n` open tasks through the importer. */
export async function fillProject(deps: ServiceDeps, admin: Actor, projectId: string, n: number): Promise<void> {
  await importer.importRows(deps, admin, generatedRows(n), { projectId, file: 'bench', format: 'generated', skipInvalid: false });
}

/** After bulk writes: vacuum, statistics and a checkpoint now, so autovacuum and the checkpointer do not land in the next measurement. */
export async function settle(deps: ServiceDeps): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(deps.db);
  await sql`CHECKPOINT`.execute(deps.db).catch(() => undefined); // needs a superuser or pg_checkpoint on an external server
}
