import type pg from 'pg';
import type { Db } from '@cadre/db';

/** Who is acting: a signed-in person (or their API token). */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

/** What every service needs; built once at boot and shared. */
export interface ServiceDeps {
  db: Db;
  pool: pg.Pool;
}
