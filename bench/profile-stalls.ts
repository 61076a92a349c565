// Reads a V8 .cpuprofile (node --cpu-prof) and prints its longest stretches without idle time (the
// event-loop stalls a request waits behind), each with the functions it spent its samples in.
//   node --import tsx bench/profile-stalls.ts FILE [STALLS=6] [SKIP_FIRST_SECONDS=0]
// With the load bench: BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" npm run bench:load -- --minutes 3
import { readFileSync } from 'node:fs';
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const file = process.argv[2]!;
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stack = (id: number) => { const s: string[] = []; for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) { const f = byId.get(x)!.callFrame; s.push(`${f.functionName || '(anon)'} ${f.url.replace(/^.*\/(packages|node_modules)\//, '$1/')}:${f.lineNumber}`); } return s; };
const idle = (id: number) => { const f = byId.get(id)!.callFrame.functionName; return f === '(idle)'; };
let t = p.startTime; const runs: Array<{ start: number; ms: number; ids: number[] }> = []; let cur: { start: number; ms: number; ids: number[] } | null = null;
p.samples.forEach((id, i) => { const d = p.timeDeltas[i] ?? 0; t += d; if (idle(id)) { if (cur) runs.push(cur); cur = null; } else { if (!cur) cur = { start: t, ms: 0, ids: [] }; cur.ms += d / 1000; cur.ids.push(id); } });
const after = Number(process.argv[4] ?? 0) * 1e6; const late = runs.filter((r) => r.start - p.startTime > after); late.sort((a, b) => b.ms - a.ms); console.log('runs', late.length, 'over 20ms', late.filter((r) => r.ms > 20).length, 'over 50', late.filter((r) => r.ms > 50).length);
for (const r of late.slice(0, Number(process.argv[3] ?? 6))) {
  console.log(`\n=== run ${r.ms.toFixed(1)} ms at +${((r.start - p.startTime) / 1e6).toFixed(1)} s`);
  // frames by inclusive count in this run
  const inc = new Map<string, number>();
  for (const id of r.ids) for (const f of new Set(stack(id))) inc.set(f, (inc.get(f) ?? 0) + 1);
  [...inc].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([f, n]) => console.log(`  ${(n / r.ids.length * 100).toFixed(0)}% ${f}`));
}
