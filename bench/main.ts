// The benchmarks' entry as a process of their own: node --import tsx bench/main.ts [--tasks N] [--quick].
// `cadre bench` (and so `npm run bench`) starts it; the CLI does not import the bench, which sits above every package.
import { parseArgs } from 'node:util';
import { runBench } from './run.ts';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '1000000' }, quick: { type: 'boolean', default: false } } });
await runBench({ tasks: Number(values.tasks), quick: values.quick });
