// `cadre model report [--project P] [--json]`: per model version, what people did with its proposals
// (kept untouched, edited, deleted, drawn by hand), precision and recall from that, people's seconds
// per item with and without pre-labels, and cost per accepted item by method. One project's report,
// or every project's without --project. Definitions: the report's `definitions` (services/machine-report/report.ts).
import { modelReports, projectService, type Runtime, type Actor } from '@cadre/server';
import { withCadre } from '../session.ts';

type Report = Awaited<ReturnType<typeof modelReports.buildModelReport>>;
type Figures = Report['models'][number]['outcomes'];
type Costs = Report['costPerItem'];
type Seconds = Report['seconds'];

const USAGE = `usage: cadre model report [--project <id-or-name>] [--json]

Per model version, from real outcomes of its proposals on accepted items:
  accepted  kept untouched       edited  kept with a change
  deleted   not kept             drawn   drawn by a person (a miss)
  precision = (accepted + edited) / proposals
  recall    = (accepted + edited) / (accepted + edited + drawn)
people's median seconds per item with and without pre-labels, and cost per
accepted item by method (manual, prelabeled, automatic): people's pay from the
ledger plus each prediction's cost (an API's charge, or its machine time at the
model's hour rate).

  --project <id-or-name>  one project (default: every project)
  --json                  print the report as JSON`;

export interface ModelReportOptions { project?: string; json: boolean; help: boolean }

/** The command line after `model report`; a clear error for anything else. */
export function parseModelReportArgs(args: readonly string[]): ModelReportOptions {
  const o: ModelReportOptions = { json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--project' || a.startsWith('--project=')) {
      const v = a === '--project' ? args[++i] : a.slice('--project='.length);
      if (!v || v.startsWith('--')) throw new Error('--project needs a project id or name');
      o.project = v;
    } else throw new Error(`model report: unknown argument ${JSON.stringify(a)}\n\n${USAGE}`);
  }
  return o;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const secs = (v: number | null) => (v === null ? '-' : `${v < 10 ? v.toFixed(1) : Math.round(v)} s`);

function money(minor: number | null, currency: string): string {
  if (minor === null) return '-';
  let digits = 0;
  try { digits = currency === 'XXX' ? 0 : new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2; } catch { digits = 0; }
  const text = (minor / 10 ** digits).toFixed(digits);
  return currency === 'XXX' ? `${text} (minor units)` : `${text} ${currency}`;
}

/** Rows of cells as aligned columns: the first left, the rest right. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function outcomeRows(rows: { name: string; f: Figures }[]): string {
  return table([
    ['', 'proposals', 'accepted', 'edited', 'deleted', 'drawn', 'precision', 'recall'],
    ...rows.map(({ name, f }) => [
      name, String(f.proposals), `${f.accepted} (${pct(f.shares.accepted)})`, `${f.edited} (${pct(f.shares.edited)})`,
      `${f.deleted} (${pct(f.shares.deleted)})`, `${f.drawn} (${pct(f.shares.drawn)})`, pct(f.precision), pct(f.recall),
    ]),
  ]);
}

function costRows(c: Costs): string {
  return table([
    ['cost per item', 'items', 'people', 'machine', 'total'],
    ...c.map((r) => [`${r.method}${c.some((x) => x.currency !== r.currency) ? ` (${r.currency})` : ''}`, String(r.items), money(r.labourPerItemMinor, r.currency), money(r.machinePerItemMinor, r.currency), money(r.perItemMinor, r.currency)]),
  ]);
}

const secondsLine = (s: Seconds) =>
  `  people's seconds per item: with pre-labels ${secs(s.withPrelabels.medianSeconds)} (${s.withPrelabels.items} items), without ${secs(s.withoutPrelabels.medianSeconds)} (${s.withoutPrelabels.items} items)`;

/** The report as a person reads it in a terminal. */
export function formatModelReport(r: Report, scope: string): string {
  const out: string[] = [`Model report, ${scope}`];
  if (r.models.length === 0) out.push('', '  no accepted item has proposals from a model yet');
  for (const m of r.models) {
    out.push('', `${m.name} ${m.version}${m.modelId ? '' : ' (imported pre-labels)'}: ${m.items} accepted items${m.hourRateMinor !== null ? `, hour rate ${m.hourRateMinor} minor units` : ''}, machine time ${secs(m.machineSeconds)}`);
    out.push(outcomeRows([{ name: 'all classes', f: m.outcomes }, ...m.classes.map((c) => ({ name: c.class, f: c }))]));
    out.push(secondsLine(m.seconds));
    out.push(costRows(m.costPerItem));
    if (m.projects.length > 1) out.push(outcomeRows(m.projects.map((p) => ({ name: p.projectName, f: p.outcomes }))));
  }
  out.push('', 'All accepted items', secondsLine(r.seconds), costRows(r.costPerItem));
  return out.join('\n');
}

async function load(rt: Runtime, actor: Actor, project: string | undefined): Promise<{ report: Report; scope: string }> {
  if (project === undefined) return { report: await modelReports.allModelsReport(rt.deps, actor), scope: 'all projects' };
  const p = await projectService.findProject(rt.deps, actor, project);
  return { report: await modelReports.projectModelReport(rt.deps, actor, p.id), scope: `project ${p.name}` };
}

/** `cadre model report …` (the `model` command group hands its arguments here). */
export async function modelReport(args: string[]): Promise<void> {
  const o = parseModelReportArgs(args);
  if (o.help) return console.log(USAGE);
  await withCadre(async (rt, actor) => {
    const { report, scope } = await load(rt, actor, o.project);
    console.log(o.json ? JSON.stringify(report, null, 2) : formatModelReport(report, scope));
  });
}
