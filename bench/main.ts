// The benchmarks' entry as a process of their own: node --import tsx bench/main.ts [--tasks N] [--quick]
// [--load [--minutes N] [--annotators N] [--no-faults]].
// `cadre bench` (and so `npm run bench`) starts it; the CLI does not import the bench, which sits above every package.
import { parseArgs } from 'node:util';
import { runLoadBench } from './load-bench.ts';
import { runBench } from './run.ts';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000000' }, quick: { type: 'boolean', default: false },
    load: { type: 'boolean', default: false }, minutes: { type: 'string' }, annotators: { type: 'string' }, 'no-faults': { type: 'boolean', default: false },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const load = { quick: values.quick, minutes: num(values.minutes), annotators: num(values.annotators), noFaults: values['no-faults'] };
if (values.load) await runLoadBench(load);
else await runBench({ tasks: Number(values.tasks), quick: values.quick, load });
