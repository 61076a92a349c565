import type { Command } from 'commander';
import { adminCommands } from './admin.ts';
import { serveCommand } from './serve.ts';
import { transferCommands } from './transfer.ts';
import { benchCommand } from './bench.ts';
import { pointcloudCommands } from './pointcloud.ts';
import { statusCommand } from './status.ts';
import { modelCommands } from './model.ts';
import { workerCommand } from './worker.ts';
import { textCommands } from './text.ts';
import { llmCommands } from './llm.ts';
import { backupCommands } from './backup.ts';

export function registerCommands(program: Command): void {
  serveCommand(program);
  adminCommands(program);
  transferCommands(program);
  benchCommand(program);
  pointcloudCommands(program);
  statusCommand(program);
  modelCommands(program);
  workerCommand(program);
  textCommands(program);
  llmCommands(program);
  backupCommands(program);
}
