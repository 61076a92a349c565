import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchShortcut, shortcutList } from './shortcuts.ts';
import { testOntology, zoomedEngine } from './test-support.ts';

test('the list covers every built-in and one hotkey per 2D class, each with a description', () => {
  const list = shortcutList(testOntology());
  const keys = list.flatMap((s) => s.keys);
  for (const k of ['V', 'R', 'P', 'L', 'O', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y', 'Delete', 'A', 'Shift+A', 'F', 'H', '?']) assert.ok(keys.includes(k), k);
  // car and lane have no hotkey and take the free digits 1 and 3; road asked for 2, head for K; the text class gets none.
  assert.deepEqual(list.filter((s) => s.action.type === 'class').map((s) => `${s.keys[0]} ${s.description}`), [
    '1 Class car (bbox2d)', '2 Class road (polygon)', '3 Class lane (polyline)', 'K Class head (point2d)',
  ]);
  assert.ok(list.every((s) => s.description.length > 0));
});

test('modifiers must match: A accepts, Shift+A accepts all, Ctrl+A nothing; ? needs no Shift check', () => {
  const list = shortcutList(testOntology());
  assert.equal(matchShortcut({ key: 'a' }, list)?.type, 'accept');
  assert.equal(matchShortcut({ key: 'A', shiftKey: true }, list)?.type, 'acceptAll');
  assert.equal(matchShortcut({ key: 'a', ctrlKey: true }, list), undefined);
  assert.equal(matchShortcut({ key: 'z', metaKey: true }, list)?.type, 'undo');
  assert.equal(matchShortcut({ key: '?', shiftKey: true }, list)?.type, 'help');
});

test('tool and class keys drive the engine; a class key while drawing switches to its kind', () => {
  const engine = zoomedEngine();
  engine.key({ key: 'r' });
  assert.equal(engine.tool, 'rectangle');
  engine.key({ key: '2' });
  assert.equal(engine.document.activeClass, 'road');
  assert.equal(engine.tool, 'polygon');
  engine.key({ key: 'v' });
  engine.key({ key: 'k' });
  assert.equal(engine.document.activeClass, 'head');
  assert.equal(engine.tool, 'select', 'choosing a class does not leave the select tool');
  engine.key({ key: 'f' });
  assert.equal(engine.viewport.offsetY, 16 + (600 - 32 - 800 * engine.viewport.scale) / 2);
  engine.key({ key: '?', shiftKey: true });
  assert.equal(engine.helpVisible, true);
  assert.equal(engine.key({ key: 'x' }), false);
});

test('Tab walks the pending predictions so A accepts and Delete drops each from the keyboard', async () => {
  const { ImageEngine } = await import('./engine.ts');
  const ontology = { classes: [{ name: 'car', kind: 'bbox2d' as const, attributes: [] }] };
  const engine = new ImageEngine({ ontology, imageWidth: 100, imageHeight: 100, canvasWidth: 100, canvasHeight: 100 });
  const box = (id: string, x: number) => ({ id, label: 'car', kind: 'bbox2d' as const, geometry: { x, y: 10, width: 10, height: 10 }, attributes: {}, predictionId: 'row', score: 0.9 });
  engine.load({ schemaVersion: 1, objects: [] }, [box('p1', 10), box('p2', 40), box('p3', 70)] as never);
  assert.ok(engine.key({ key: 'Tab' }));
  assert.deepEqual([...engine.document.selection], ['p1']);
  engine.key({ key: 'a' });
  engine.key({ key: 'Tab' });
  assert.deepEqual([...engine.document.selection], ['p2']);
  engine.key({ key: 'Delete' });
  const payload = engine.toPayload();
  assert.deepEqual(payload.objects.map((o) => [o.origin, o.predictionId]), [['prediction_accepted', 'p1']]);
  assert.deepEqual(engine.document.predictions().map((p) => p.id), ['p3']);
});

test('? toggles the shortcut list and tells the host each time', async () => {
  const { ImageEngine } = await import('./engine.ts');
  const engine = new ImageEngine({ ontology: { classes: [] }, imageWidth: 10, imageHeight: 10 });
  const seen: boolean[] = [];
  engine.on('help', (v) => seen.push(v));
  engine.key({ key: '?' });
  engine.key({ key: '?' });
  assert.deepEqual(seen, [true, false]);
});
