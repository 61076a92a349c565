import { Command, CommanderError } from 'commander';
import { AppError } from '@cadre/server';
import { registerCommands } from './commands/index.ts';

const program = new Command('cadre')
  .description('Cadre: a data-labeling production platform')
  .showHelpAfterError()
  .exitOverride();
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof AppError) {
    console.error(`error: ${e.message}`);
    if (Array.isArray(e.details)) for (const d of e.details) console.error(`  ${d.path ?? ''}: ${d.message ?? JSON.stringify(d)}`);
  } else {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.exit(1);
}
