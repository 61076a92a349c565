import type { HistoryKeyInput } from '../keys.ts';
import type { Layer } from '../types.ts';

type MaybePromise<T> = T | Promise<T>;

/**
 * An engine with an item open, driven the way a person would drive it. `document` and `history`
 * are a `Document<T>` and its `History<T>` (typed by what the suite reads of them).
 */
export interface ContractEngine<T = unknown> {
  readonly document: {
    all(layer?: Layer): readonly T[];
    get(id: string): T | undefined;
    readonly events: { on(event: 'change', fn: () => void): unknown };
  };
  readonly history: { undo(): boolean; redo(): boolean; readonly canUndo: boolean; readonly canRedo: boolean };
  /** Creates one object the way a person would (a tool, a command); returns its id. */
  create(): MaybePromise<string>;
  /** Changes that object as a person would (move, resize, relabel, change class). */
  edit(id: string): MaybePromise<void>;
  /** Deletes that object as a person would. */
  remove(id: string): MaybePromise<void>;
  /** The payload the engine would save now. */
  save(): MaybePromise<{ readonly objects: readonly unknown[] }>;
  /** The engine's own key handler, when it has one: Ctrl+Z and Ctrl+Shift+Z are then pressed through it. */
  key?(e: HistoryKeyInput): unknown;
}

export interface DocumentContractAdapter<T = unknown> {
  /** Names the tests, e.g. 'image canvas'. */
  name: string;
  /** A fresh engine with an item opened by `load` (best with an object already in it), history empty. */
  open(): MaybePromise<ContractEngine<T>>;
  /** One document object as the payload stores it, when the two differ; by default the object itself. */
  saved?(object: T): unknown;
}

/** A test registrar with node:test's shape, passed in so this module also runs in a browser page. */
export type TestFn = (name: string, fn: () => Promise<void>) => unknown;

interface Snapshot {
  payload: unknown;
  document: unknown;
}

/**
 * The one contract every annotation engine's document meets. Call it from the engine's tests:
 * `documentContract(adapter, test)` with node:test's `test`. The scenario is create, edit, create a
 * second, delete the first; then undo all and redo all, step by step.
 */
export function documentContract<T>(adapter: DocumentContractAdapter<T>, test: TestFn): void {
  for (const check of contractChecks(adapter)) test(`${adapter.name}: ${check.name}`, check.run);
}

/** The same checks as plain async functions that throw, for a host without node:test. */
export function contractChecks<T>(adapter: DocumentContractAdapter<T>): { name: string; run: () => Promise<void> }[] {
  const snapshot = async (engine: ContractEngine<T>): Promise<Snapshot> => ({
    payload: plain((await engine.save()).objects),
    document: plain(engine.document.all('objects').map((o) => (adapter.saved ? adapter.saved(o) : o))),
  });

  /** Opens an item and runs the scenario, counting change events and taking a snapshot after each action. */
  const scenario = async () => {
    const engine = await adapter.open();
    if (engine.history.canUndo) throw new Error('history must be empty on open');
    const states = [await snapshot(engine)];
    const changes: number[] = [];
    let count = 0;
    engine.document.events.on('change', () => count++);
    const act = async (what: string, fn: () => MaybePromise<unknown>) => {
      count = 0;
      await fn();
      if (count === 0) throw new Error(`${what} fired no change event`);
      if (!engine.history.canUndo) throw new Error(`${what} left nothing to undo`);
      changes.push(count);
      states.push(await snapshot(engine));
    };
    let first = '';
    await act('create', async () => (first = await engine.create()));
    await act('edit', () => engine.edit(first));
    let second = '';
    await act('create a second', async () => (second = await engine.create()));
    await act('delete', () => engine.remove(first));
    return { engine, states, first, second, counted: () => count, reset: () => (count = 0) };
  };

  return [
    {
      name: 'create, edit and delete change what is saved',
      run: async () => {
        const { engine, states, first, second } = await scenario();
        const ids = (s: Snapshot) => (s.document as { id: string }[]).map((o) => o.id);
        if (!ids(states[1]!).includes(first)) throw new Error('the created object is not in the document');
        if (same(states[1]!.payload, states[2]!.payload)) throw new Error('the edit did not change the saved payload');
        if (!ids(states[3]!).includes(second)) throw new Error('the second object is not in the document');
        if (ids(states[4]!).includes(first) || engine.document.get(first) !== undefined) throw new Error('the deleted object is still there');
      },
    },
    {
      name: 'the saved payload equals the document at every step',
      run: async () => {
        const { states } = await scenario();
        states.forEach((s, i) => expectSame(s.payload, s.document, `payload and document differ after step ${i}`));
      },
    },
    {
      name: 'undo all returns to the opening state, one step and one change event at a time',
      run: async () => {
        const { engine, states, counted, reset } = await scenario();
        for (let i = states.length - 2; i >= 0; i--) {
          reset();
          if (!engine.history.undo()) throw new Error(`undo ${states.length - 1 - i} found nothing to undo`);
          expectSame(counted(), 1, 'an undo fires one change event');
          expectSame((await snapshot(engine)).payload, states[i]!.payload, `undo back to step ${i}`);
        }
        if (engine.history.canUndo || engine.history.undo()) throw new Error('more to undo than was done');
      },
    },
    {
      name: 'redo all returns to the final state, one step and one change event at a time',
      run: async () => {
        const { engine, states, counted, reset } = await scenario();
        while (engine.history.undo());
        for (let i = 1; i < states.length; i++) {
          reset();
          if (!engine.history.redo()) throw new Error(`redo ${i} found nothing to redo`);
          expectSame(counted(), 1, 'a redo fires one change event');
          const now = await snapshot(engine);
          expectSame(now.payload, states[i]!.payload, `redo to step ${i}`);
          expectSame(now.payload, now.document, `payload and document differ after redo ${i}`);
        }
        if (engine.history.canRedo || engine.history.redo()) throw new Error('more to redo than was undone');
      },
    },
    {
      name: 'a new change after undo drops what could be redone',
      run: async () => {
        const { engine, states, second } = await scenario();
        engine.history.undo();
        expectSame((await snapshot(engine)).payload, states[3]!.payload, 'undo of the delete');
        await engine.edit(second);
        if (engine.history.canRedo || engine.history.redo()) throw new Error('redo still possible after a new change');
        engine.history.undo();
        expectSame((await snapshot(engine)).payload, states[3]!.payload, 'undo of the new edit');
      },
    },
    {
      name: 'Ctrl+Z undoes and Ctrl+Shift+Z and Ctrl+Y redo through the engine keys',
      run: async () => {
        const { engine, states } = await scenario();
        if (engine.key === undefined) return;
        const last = states.length - 1;
        engine.key({ key: 'z', code: 'KeyZ', ctrlKey: true });
        expectSame((await snapshot(engine)).payload, states[last - 1]!.payload, 'Ctrl+Z');
        engine.key({ key: 'z', code: 'KeyZ', metaKey: true });
        expectSame((await snapshot(engine)).payload, states[last - 2]!.payload, 'Cmd+Z');
        engine.key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true });
        expectSame((await snapshot(engine)).payload, states[last - 1]!.payload, 'Ctrl+Shift+Z');
        engine.key({ key: 'y', code: 'KeyY', ctrlKey: true });
        expectSame((await snapshot(engine)).payload, states[last]!.payload, 'Ctrl+Y');
      },
    },
  ];
}

/** As JSON would store it: undefined fields dropped, keys sorted, so field order never matters. */
function plain(value: unknown): unknown {
  return sortKeys(JSON.parse(JSON.stringify(value ?? null)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) throw new Error(`${what}:\n  got      ${JSON.stringify(actual)}\n  expected ${JSON.stringify(expected)}`);
}
