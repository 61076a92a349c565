// The image canvas runs the one document contract every engine runs (@cadre/document/testing),
// driven as a person drives it: the rectangle tool draws, a drag moves, Delete deletes, Ctrl+Z undoes.
import { test } from 'node:test';
import { px, type AnnotationPayload } from '@cadre/core';
import { documentContract } from '@cadre/document/testing';
import type { ImageObject } from './kinds/index.ts';
import { click, drag, zoomedEngine } from './test-support.ts';

const saved: AnnotationPayload = {
  schemaVersion: 1,
  objects: [{ id: 'road-1', kind: 'polygon', label: 'road', attributes: {}, geometry: { points: [[0, 600], [400, 600], [200, 700]] } }],
};
const predictions: ImageObject[] = [
  { id: 'pred-1', kind: 'bbox2d', label: 'car', attributes: {}, score: 0.9, geometry: { x: px(100), y: px(100), width: px(50), height: px(40) } },
];

documentContract({
  name: 'image canvas',
  open: () => {
    const engine = zoomedEngine();
    engine.load(saved, predictions);
    let drawn = 0;
    const centre = (id: string): [number, number] => {
      const g = engine.document.get(id)!.geometry as { x: number; y: number; width: number; height: number };
      return [g.x + g.width / 2, g.y + g.height / 2];
    };
    return {
      document: engine.document,
      history: engine.history,
      create: () => {
        const before = new Set(engine.document.ids());
        const y = 150 + 200 * drawn++;
        engine.setTool('rectangle');
        drag(engine, [600, y], [700, y + 80]);
        engine.setTool('select');
        return engine.document.ids().find((id) => !before.has(id))!;
      },
      edit: (id) => {
        const [x, y] = centre(id);
        drag(engine, [x, y], [x + 30, y + 20]);
      },
      remove: (id) => {
        click(engine, ...centre(id));
        engine.key({ key: 'Delete' });
      },
      save: () => engine.toPayload(),
      key: (e) => engine.key(e),
    };
  },
}, test);
