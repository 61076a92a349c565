// Announcements between Cadre processes over PostgreSQL's NOTIFY / LISTEN. What a message means
// (which cached copy to drop) is the server's business.
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../connection.ts';

/** Sends `key` on `channel`; inside a transaction it is delivered on commit. */
export async function notify(db: Db, channel: string, key: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${key})`.execute(db);
}

export interface Listening {
  message(key: string): void;
  /** The connection was lost (messages may have been missed); it reconnects by itself. */
  lost(): void;
}

/** Keeps one connection listening on `channel`, reconnecting when it is lost; returns a stop function. */
export async function listen(url: string, channel: string, on: Listening): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const open = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => { if (m.channel === channel && m.payload) on.message(m.payload); });
    c.on('error', () => undefined);
    c.on('end', () => {
      // Reconnect after a lost connection (also a failed attempt, while the database is away).
      on.lost();
      if (!stopped) setTimeout(() => void open().catch(() => undefined), 1000).unref();
    });
    client = c;
    await c.connect();
    try {
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      await c.end().catch(() => undefined); // connected but not listening: end it, and 'end' tries again
      throw e;
    }
  };
  await open();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}
