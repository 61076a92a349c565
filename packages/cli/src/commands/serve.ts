import type { Command } from 'commander';
import { describeDatabase, loadConfig, startCadre } from '@cadre/server';
import { printFirstAdmin, stopOnSignals } from '../session.ts';

export function serveCommand(program: Command): void {
  program.command('serve').description('serve the web app and API (PORT, CADRE_DATA_DIR, DATABASE_URL)').action(async () => {
    const config = loadConfig();
    const rt = await startCadre(config);
    if (rt.firstAdmin) printFirstAdmin(rt.firstAdmin.email, rt.firstAdmin.password);
    console.log(`Cadre is serving on http://localhost:${config.port} (API docs: /api/docs)`);
    const where = config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`;
    console.log(`database: ${describeDatabase(rt.databaseUrl)}, from ${where}`);
    stopOnSignals(async () => {
      console.log('stopping ...');
      await rt.stop();
    });
  });

  program.command('migrate').description('bring the database schema up to date').action(async () => {
    const rt = await startCadre(loadConfig(), false);
    console.log('database schema is up to date');
    await rt.stop();
  });
}
