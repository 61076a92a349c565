import type { Command } from 'commander';

export function benchCommand(program: Command): void {
  program.command('bench').description('run the benchmarks (1,000,000 tasks); writes bench/results/latest.json')
    .option('--tasks <n>', 'tasks to import', '1000000')
    .option('--quick', 'a small run to check the harness', false)
    .action(async (o: { tasks: string; quick: boolean }) => {
      const { runBench } = await import('../../../../bench/run.ts');
      await runBench({ tasks: Number(o.tasks), quick: o.quick });
    });
}
