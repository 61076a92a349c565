import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

// The bench drives the server, the database and a browser: it sits above the CLI, which starts it
// as its own process rather than importing it.
const main = fileURLToPath(new URL('../../../../bench/main.ts', import.meta.url));

interface BenchOptions { tasks: string; quick: boolean; load: boolean; minutes?: string; annotators?: string; faults: boolean }

export function benchCommand(program: Command): void {
  program.command('bench').description('run the benchmarks (1,000,000 tasks, then the two-process load and kill -9 faults); writes bench/results/latest.json')
    .option('--tasks <n>', 'tasks to import', '1000000')
    .option('--quick', 'a small run to check the harness', false)
    .option('--load', 'only the load (two Cadre processes, 1,000 annotators, 10 minutes) and kill -9 fault phases; merged into the results', false)
    .option('--minutes <n>', 'a shorter load phase, for development (written to quick.json)')
    .option('--annotators <n>', 'fewer annotators in the load phase, for development (written to quick.json)')
    .option('--no-faults', 'leave out the kill -9 fault phase')
    .action(async (o: BenchOptions) => {
      const args = [
        '--import', import.meta.resolve('tsx'), main, '--tasks', o.tasks,
        ...(o.quick ? ['--quick'] : []), ...(o.load ? ['--load'] : []), ...(o.faults ? [] : ['--no-faults']),
        ...(o.minutes !== undefined ? ['--minutes', o.minutes] : []), ...(o.annotators !== undefined ? ['--annotators', o.annotators] : []),
      ];
      const code = await new Promise<number>((done, fail) => {
        spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', (c) => done(c ?? 1)).on('error', fail);
      });
      if (code !== 0) throw new Error(`the bench exited with ${code}`);
    });
}
