import type { Command } from 'commander';
import { loadConfig, machine, media, startCadre } from '@cadre/server';
import { stopOnSignals } from '../session.ts';

// A process that runs machine jobs beside the server (same database: DATABASE_URL, or the embedded
// one in CADRE_DATA_DIR that a running `cadre serve` shares).
export function workerCommand(program: Command): void {
  program.command('worker').description('run machine jobs (pre-label) beside the server; one line of progress per item').option('--concurrency <n>', 'jobs at once', '1').action(async (o: { concurrency: string }) => {
    const config = loadConfig();
    const rt = await startCadre({ ...config, runJobs: false }, false);
    const runner = await machine.startJobRunner(rt.deps, {
      media: media.mediaConfig(), concurrency: Math.max(1, Number(o.concurrency) || 1), staleSeconds: config.jobStaleSeconds ?? 30,
      onProgress: ({ job, event }) => {
        const left = Math.max(0, job.total - job.done - job.failed);
        console.log(`job ${job.id} ${event === 'item' ? job.state : event}: ${job.done + job.failed}/${job.total} (${job.failed} failed, ${left} left)${job.error && event === 'ended' ? ` ${job.error}` : ''}`);
      },
    });
    console.log('cadre worker: waiting for machine jobs');
    stopOnSignals(async () => {
      await runner.stop();
      await rt.stop();
    });
  });
}
