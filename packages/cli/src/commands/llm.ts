import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { describeLlm, LlmAnnotator, llmConfigFromEnv, type LlmAnswer } from '@cadre/models';
import { readTexts } from './text-files.ts';

interface LabelFlags { input: string; textColumn: string; classes: string; out: string }

async function runLabel(o: LabelFlags): Promise<void> {
  const classes = o.classes.split(',').map((c) => c.trim()).filter(Boolean);
  if (classes.length < 2) throw new Error(`--classes needs at least two class names separated by commas, got ${JSON.stringify(o.classes)}`);
  if (new Set(classes).size !== classes.length) throw new Error('--classes names a class twice');
  const config = llmConfigFromEnv();
  const rows = await readTexts(o.input, o.textColumn);
  const annotator = new LlmAnnotator(config, classes.map((name) => ({ name })));
  const out = createWriteStream(o.out, { flags: 'w' });
  const opened = new Promise<void>((resolve, reject) => { out.once('open', () => resolve()); out.once('error', reject); });
  await opened.catch((e: Error) => { throw new Error(`cannot write ${o.out}: ${e.message}`); });
  process.stderr.write(`labelling ${rows.length} rows with ${JSON.stringify(describeLlm(config))}\n`);

  // Answers are written in row order as they complete, so a stopped run keeps every row before the gap.
  const answers: Array<LlmAnswer | undefined> = new Array(rows.length);
  let written = 0;
  let failed = 0;
  const flush = () => {
    while (written < rows.length && answers[written]) {
      const a = answers[written]!;
      out.write(`${JSON.stringify({ row: rows[written]!.row, label: a.label, raw: a.raw, ...(a.error ? { error: a.error } : {}) })}\n`);
      answers[written] = undefined;
      written++;
    }
  };
  let next = 0;
  const workers = Array.from({ length: Math.min(config.concurrency ?? 4, rows.length) }, async () => {
    while (next < rows.length) {
      const i = next++;
      const a = await annotator.label(rows[i]!.text);
      if (a.label === null) failed++;
      answers[i] = a;
      flush();
    }
  });
  await Promise.all(workers);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  process.stderr.write(`${JSON.stringify({ rows: rows.length, labelled: rows.length - failed, failed, requests: annotator.usage.requests, prompt_tokens: annotator.usage.promptTokens, completion_tokens: annotator.usage.completionTokens, cost: Math.round(annotator.cost * 1e6) / 1e6 })}\n`);
  if (failed === rows.length && rows.length > 0) process.exitCode = 1;
}

export function llmCommands(program: Command): void {
  const llm = program.command('llm').description('LLM annotators on an OpenAI-compatible endpoint (CADRE_LLM_BASE_URL, CADRE_LLM_MODEL, CADRE_LLM_API_KEY)');
  llm.command('label')
    .description('label each row of a CSV with one of the classes; writes JSON Lines {row, label, raw} (label null and an error when no valid answer came)')
    .requiredOption('--input <file>', 'CSV (or .tsv) with a header line')
    .requiredOption('--text-column <name>', 'the column with the text')
    .requiredOption('--classes <a,b,c>', 'the class names, separated by commas')
    .requiredOption('--out <file>', 'where to write the JSON Lines')
    .action(runLabel);
}
