// `cadre backup --out FILE` and `cadre restore --in FILE [--replace]`: the database Cadre is
// configured with (DATABASE_URL, else the embedded one under CADRE_DATA_DIR) to a file and back.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { backupService, loadConfig } from '@cadre/server';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Each table as it is done, on a terminal only (a cron job's log gets the summary). */
const onTable = process.stderr.isTTY ? (t: { table: string; rows: number }) => process.stderr.write(`  ${t.table}: ${t.rows} rows\n`) : undefined;

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

export function backupCommands(program: Command): void {
  program.command('backup').description('write the whole database to a file (PostgreSQL plain format, data only; gzip when FILE ends in .gz), while servers keep serving')
    .requiredOption('--out <file>', 'where to write it, e.g. cadre-2025-01-31.sql.gz')
    .action(async (o: { out: string }) => {
      const s = await backupService.backupTo(loadConfig(), o.out, { cadreVersion: VERSION, onTable });
      console.log(`backed up ${s.tables} tables, ${s.rows} rows (schema ${s.migration}) to ${s.file}: ${size(s.bytes)} in ${s.seconds.toFixed(1)} s`);
    });

  program.command('restore').description('load a backup into an empty database (migrating it first and after); all or nothing')
    .requiredOption('--in <file>', 'a file cadre backup wrote (.sql or .sql.gz)')
    .option('--replace', 'replace what the database holds (stop every server and worker on it first)', false)
    .action(async (o: { in: string; replace: boolean }) => {
      const s = await backupService.restoreFrom(loadConfig(), o.in, { replace: o.replace, onTable });
      const replaced = o.replace ? `, replacing ${s.replacedRows} rows` : '';
      const migrated = s.migratedOn.length > 0 ? `, then migrated on to ${s.migratedOn.at(-1)}` : '';
      console.log(`restored ${s.tables} tables, ${s.rows} rows (schema ${s.migration}${migrated}) from ${s.file} (${size(s.bytes)}) in ${s.seconds.toFixed(1)} s${replaced}`);
      if (s.requeuedJobs > 0) console.log(`${s.requeuedJobs} machine jobs that were queued or running are queued again`);
    });
}
