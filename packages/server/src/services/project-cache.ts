import { settingsOf, type ProjectSettings } from '@cadre/core';
import { projects, type Db, type ProjectRow, type Queryable } from '@cadre/db';
import { announce, ChangeAwareCache } from './changes.ts';

// Settings and the ontology are read on every claim and submit but change rarely. The settings are
// parsed when the row enters the cache (core's settingsOf: defaults filled in, frozen), so the hot
// path reads typed settings and never parses them again.
export type CachedProject = ProjectRow & { settings: ProjectSettings };
const cache = new ChangeAwareCache<CachedProject>('project', 10_000);

function keep(id: string, row: ProjectRow | undefined): CachedProject | undefined {
  if (!row) return undefined;
  const project = { ...row, settings: settingsOf(row.settings) } as CachedProject;
  cache.set(id, project);
  return project;
}

export async function cachedProject(db: Db, id: string): Promise<CachedProject | undefined> {
  return cache.get(id) ?? keep(id, await projects.findProject(db, id));
}

/**
 * The same, read through a connection already held (inside a transaction). Reading through the pool
 * there would wait for a second connection, and with every pooled connection inside such a
 * transaction (a burst of submits just as the cache expires) nothing would ever be freed.
 */
export async function cachedProjectOn(client: Queryable, id: string): Promise<CachedProject | undefined> {
  return cache.get(id) ?? keep(id, await projects.findProjectOn(client, id));
}

export const announceProjectChange = (db: Db, id: string) => announce(db, `project:${id}`);
