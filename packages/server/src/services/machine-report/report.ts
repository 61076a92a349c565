// The report of models, measured from what people did with their proposals: per model version,
// the outcome counts and shares, precision and recall at the object level (overall and per class),
// people's seconds per item with and without pre-labels, and cost per accepted item by method.
import { outcomeMeasures, type OutcomeCounts, type OutcomeMeasures } from '@cadre/core';
import { outcomes, type Db } from '@cadre/db';
import { divRound } from '../pay/money.ts';
import { methodOf, type Method } from '../pay/units.ts';
import { machineCostMinor } from './cost.ts';

type AcceptedItemFacts = outcomes.AcceptedItemFacts;

export const DEFINITIONS = {
  accepted: 'a proposed object kept with no change beyond the edit tolerance (core provenance rule)',
  edited: 'a proposed object kept with a changed class, attribute, frame, track or geometry',
  deleted: 'a proposed object no accepted object came from',
  drawn: 'an accepted object a person drew, counted as a miss of every model that pre-labelled the item',
  precision: '(accepted + edited) / proposals',
  recall: '(accepted + edited) / (accepted + edited + drawn)',
  shares: 'each outcome over accepted + edited + deleted + drawn',
  seconds: 'median over accepted items of people\'s labelling time: each accepted labelling attempt from its lease to its submit, summed per item; with pre-labels = items with predictions (of this model, on a model row), without = items with none',
  methods: 'manual: no accepted object came from a pre-label; automatic: every accepted object is a pre-label accepted untouched; prelabeled: the rest',
  cost: 'labour: people\'s pay posted to the ledger for the item; machine: each prediction\'s stored cost (an API\'s charge, or its machine time at the model\'s hour rate when it was made), else machine_ms × the model\'s hour rate / 3,600,000 (rounded half up)',
} as const;

export interface Seconds { items: number; medianSeconds: number | null }
export interface MethodCost {
  method: Method; currency: string; items: number; labourMinor: number; machineMinor: number; totalMinor: number;
  labourPerItemMinor: number | null; machinePerItemMinor: number | null; perItemMinor: number | null;
}
export interface ClassFigures extends OutcomeMeasures { class: string }
export interface ProjectFigures { projectId: string; projectName: string; items: number; outcomes: OutcomeMeasures }
export interface ModelVersionReport {
  /** Null for pre-labels imported from a file (grouped by the version text they came with). */
  modelId: string | null; name: string; version: string; hourRateMinor: number | null;
  /** Accepted items it pre-labelled. */
  items: number;
  outcomes: OutcomeMeasures;
  classes: ClassFigures[];
  seconds: { withPrelabels: Seconds; withoutPrelabels: Seconds };
  machineSeconds: number;
  costPerItem: MethodCost[];
  projects: ProjectFigures[];
}
export interface ModelReport {
  projectId: string | null; at: string;
  models: ModelVersionReport[];
  seconds: { withPrelabels: Seconds; withoutPrelabels: Seconds };
  costPerItem: MethodCost[];
  definitions: typeof DEFINITIONS;
}

const NO_CURRENCY = 'XXX';
const METHODS: readonly Method[] = ['manual', 'prelabeled', 'automatic'];
const zero = (): OutcomeCounts => ({ accepted: 0, edited: 0, deleted: 0, drawn: 0 });
const keyOf = (modelId: string | null, version: string | null) => modelId ?? `imported:${version ?? ''}`;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const seconds = (facts: readonly AcceptedItemFacts[]): Seconds => ({ items: facts.length, medianSeconds: median(facts.map((f) => f.seconds)) });
const itemMethod = (f: AcceptedItemFacts): Method => methodOf({ objects: f.origins.map((origin) => ({ origin })) });
const itemMachine = (f: AcceptedItemFacts): number => f.machine.reduce((s, m) => s + machineCostMinor(m), 0);
const perItem = (total: number, items: number) => (items === 0 ? null : divRound(total, items));

function costByMethod(facts: readonly AcceptedItemFacts[], currencyOf: (projectId: string) => string): MethodCost[] {
  const currencies = [...new Set(facts.map((f) => currencyOf(f.project_id)))].sort();
  const out: MethodCost[] = [];
  for (const currency of currencies.length ? currencies : [NO_CURRENCY]) {
    for (const method of METHODS) {
      const rows = facts.filter((f) => currencyOf(f.project_id) === currency && itemMethod(f) === method);
      const labourMinor = rows.reduce((s, f) => s + f.labour, 0);
      const machineMinor = rows.reduce((s, f) => s + itemMachine(f), 0);
      const totalMinor = labourMinor + machineMinor;
      out.push({
        method, currency, items: rows.length, labourMinor, machineMinor, totalMinor,
        labourPerItemMinor: perItem(labourMinor, rows.length), machinePerItemMinor: perItem(machineMinor, rows.length), perItemMinor: perItem(totalMinor, rows.length),
      });
    }
  }
  return out;
}

/** The report for one project, or for all projects when `projectId` is null. No access checks: index.ts gates it. */
export async function buildModelReport(db: Db, projectId: string | null, at: Date = new Date()): Promise<ModelReport> {
  const [counts, itemRows, facts] = await Promise.all([
    outcomes.outcomeCounts(db, projectId), outcomes.outcomeItems(db, projectId), outcomes.acceptedItemFacts(db, projectId),
  ]);
  const projectIds = [...new Set([...facts.map((f) => f.project_id), ...counts.map((c) => c.project_id)])];
  const modelIds = [...new Set(counts.map((c) => c.model_id).filter((id): id is string => id !== null))];
  const [projectRows, modelRows] = await Promise.all([outcomes.projectsForReport(db, projectIds), outcomes.modelsByIds(db, modelIds)]);
  const projectsById = new Map(projectRows.map((p) => [p.id, p]));
  const currencyOf = (id: string) => projectsById.get(id)?.currency?.trim() || NO_CURRENCY;
  const modelsById = new Map(modelRows.map((m) => [m.id, m]));
  const factsByItem = new Map(facts.map((f) => [f.item_id, f]));

  interface Acc { modelId: string | null; version: string | null; total: OutcomeCounts; classes: Map<string, OutcomeCounts>; projects: Map<string, OutcomeCounts>; items: Map<string, Set<string>> }
  const byModel = new Map<string, Acc>();
  const accOf = (modelId: string | null, version: string | null) => {
    const key = keyOf(modelId, version);
    let a = byModel.get(key);
    if (!a) byModel.set(key, a = { modelId, version, total: zero(), classes: new Map(), projects: new Map(), items: new Map() });
    return a;
  };
  for (const c of counts) {
    const a = accOf(c.model_id, c.model_version);
    const cls = a.classes.get(c.class) ?? zero();
    const proj = a.projects.get(c.project_id) ?? zero();
    a.total[c.outcome] += c.n; cls[c.outcome] += c.n; proj[c.outcome] += c.n;
    a.classes.set(c.class, cls); a.projects.set(c.project_id, proj);
  }
  for (const r of itemRows) {
    const a = accOf(r.model_id, r.model_version);
    const set = a.items.get(r.project_id) ?? new Set<string>();
    set.add(r.item_id);
    a.items.set(r.project_id, set);
  }

  const unlabelled = facts.filter((f) => f.machine.length === 0);
  const models: ModelVersionReport[] = [...byModel.values()].map((a) => {
    const model = a.modelId ? modelsById.get(a.modelId) : undefined;
    const itemIds = [...a.items.values()].flatMap((s) => [...s]);
    const mine = itemIds.map((id) => factsByItem.get(id)).filter((f): f is AcceptedItemFacts => f !== undefined);
    const baseline = unlabelled.filter((f) => a.items.has(f.project_id));
    const ms = mine.reduce((s, f) => s + f.machine.filter((m) => m.modelId === a.modelId && a.modelId !== null).reduce((t, m) => t + (m.ms ?? 0), 0), 0);
    return {
      modelId: a.modelId, name: model?.name ?? (a.version ?? 'imported pre-labels'), version: model?.version ?? (a.version ?? ''),
      hourRateMinor: model?.hour_rate_minor ?? null,
      items: itemIds.length,
      outcomes: outcomeMeasures(a.total),
      classes: [...a.classes].sort(([x], [y]) => x.localeCompare(y)).map(([cls, c]) => ({ class: cls, ...outcomeMeasures(c) })),
      seconds: { withPrelabels: seconds(mine), withoutPrelabels: seconds(baseline) },
      machineSeconds: ms / 1000,
      costPerItem: costByMethod(mine, currencyOf),
      projects: [...a.projects].map(([id, c]) => ({ projectId: id, projectName: projectsById.get(id)?.name ?? '', items: a.items.get(id)?.size ?? 0, outcomes: outcomeMeasures(c) })),
    };
  }).sort((x, y) => x.name.localeCompare(y.name) || x.version.localeCompare(y.version));

  return {
    projectId, at: at.toISOString(), models,
    seconds: { withPrelabels: seconds(facts.filter((f) => f.machine.length > 0)), withoutPrelabels: seconds(unlabelled) },
    costPerItem: costByMethod(facts, currencyOf),
    definitions: DEFINITIONS,
  };
}
