import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

// The bench drives the server, the database and a browser: it sits above the CLI, which starts it
// as its own process rather than importing it.
const main = fileURLToPath(new URL('../../../../bench/main.ts', import.meta.url));

export function benchCommand(program: Command): void {
  program.command('bench').description('run the benchmarks (1,000,000 tasks); writes bench/results/latest.json')
    .option('--tasks <n>', 'tasks to import', '1000000')
    .option('--quick', 'a small run to check the harness', false)
    .action(async (o: { tasks: string; quick: boolean }) => {
      const args = ['--import', import.meta.resolve('tsx'), main, '--tasks', o.tasks, ...(o.quick ? ['--quick'] : [])];
      const code = await new Promise<number>((done, fail) => {
        spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', (c) => done(c ?? 1)).on('error', fail);
      });
      if (code !== 0) throw new Error(`the bench exited with ${code}`);
    });
}
