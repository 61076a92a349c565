// `cadre model …`: models as workers of the line. `predict` runs one over a folder of images
// (model-predict.ts); `report` shows how a model's proposals fared against people (model-report.ts).
import type { Command } from 'commander';
import { modelPredictCommand } from './model-predict.ts';
import { modelReport } from './model-report.ts';

export function modelCommands(program: Command): void {
  const model = program.command('model').description('run models over images and measure them against people');
  modelPredictCommand(model);
  model.command('report')
    .description('per model version: precision and recall against accepted labels, outcomes of its proposals and cost per item (run "cadre model report --help" for its options)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => { await modelReport(args); });
}
