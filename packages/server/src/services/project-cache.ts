import { projects, type Db, type ProjectRow, type Queryable } from '@cadre/db';
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

/**
 * The same, read through a connection already held (inside a transaction). Reading through the pool
 * there would wait for a second connection, and with every pooled connection inside such a
 * transaction (a burst of submits just as the cache expires) nothing would ever be freed.
 */
export async function cachedProjectOn(client: Queryable, id: string): Promise<ProjectRow | undefined> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await projects.findProjectOn(client, id);
  if (row) cache.set(id, row);
  return row;
}

export const announceProjectChange = (db: Db, id: string) => announce(db, `project:${id}`);
