// What start-up says about the database it uses, so an operator sees at once which one it is.
// Never the password: these lines end up in terminals, logs and support tickets.

/** `host:port/dbname (user u)` of a PostgreSQL URL. */
export function describeDatabase(url: string): string {
  const u = new URL(url);
  const user = u.username ? ` (user ${decodeURIComponent(u.username)})` : '';
  return `${u.hostname || 'localhost'}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1)) || 'postgres'}${user}`;
}

/**
 * Said on stderr when Cadre found no users and set the database up from nothing: pointing
 * DATABASE_URL at the wrong database would otherwise start a second, empty Cadre without a word.
 */
export function emptyDatabaseBanner(url: string, embeddedDir: string | null): string {
  const where = embeddedDir ? `the embedded PostgreSQL in ${embeddedDir}` : 'DATABASE_URL';
  const lines = [
    'Cadre initialized an EMPTY database:',
    `  ${describeDatabase(url)}, from ${where}`,
    'It created a new administrator and has no projects or people of an earlier Cadre.',
    'On a first start that is expected. If you expected your existing Cadre, this is the wrong database:',
    'stop Cadre now and check DATABASE_URL (or CADRE_DATA_DIR).',
  ];
  const rule = '='.repeat(Math.max(...lines.map((l) => l.length)) + 4);
  return `\n${rule}\n${lines.map((l) => `  ${l}`).join('\n')}\n${rule}\n\n`;
}
