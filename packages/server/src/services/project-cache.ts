import { projects, type Db, type ProjectRow } from '@cadre/db';
import { announce, ChangeAwareCache } from './changes.ts';

// Settings and the ontology are read on every claim and submit but change rarely.
const cache = new ChangeAwareCache<ProjectRow>('project', 10_000);

export async function cachedProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await projects.findProject(db, id);
  if (row) cache.set(id, row);
  return row;
}

export const announceProjectChange = (db: Db, id: string) => announce(db, `project:${id}`);
