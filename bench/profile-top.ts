// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time per function and
// per package or module, the largest first, summed over the files given.
//   node --import tsx bench/profile-top.ts FILE... [--rows N]
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** node_modules/<pkg> or packages/<pkg>/src/<file>, else the file name or the (V8 category). */
function home(url: string): string {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const p = /packages\/([^/]+)\/src\/(.+)$/.exec(url);
  if (p) return `@cadre/${p[1]}/${p[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\/(bench\/)/, '$1');
}

export function profileTop(files: string[], rows = 30): string {
  let total = 0;
  const fns = new Map<string, number>();
  const homes = new Map<string, number>();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    for (const [id, us] of self) {
      const f = byId.get(id)!.callFrame;
      const where = home(f.url);
      const key = `${f.functionName || '(anonymous)'}  ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
      fns.set(key, (fns.get(key) ?? 0) + us);
      homes.set(where, (homes.get(where) ?? 0) + us);
      total += us;
    }
  }
  const table = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n');
  return `${(total / 1e6).toFixed(1)} s sampled\n\nself time by function:\n${table(fns)}\n\nself time by package or module:\n${table(homes)}\n`;
}

const args = process.argv.slice(2);
const rowsAt = args.indexOf('--rows');
const rows = rowsAt >= 0 ? Number(args.splice(rowsAt, 2)[1]) : 30;
if (args.length > 0) console.log(profileTop(args, rows));
