// The one document contract (@cadre/document/testing), run against the text workspace's labels:
// spans made, resized and relabelled, deleted, undone and redone, and saved as they stand.
import { test } from 'node:test';
import { documentContract } from '@cadre/document/testing';
import { TextLabels, type TextLabel } from './text-labels.ts';

documentContract<TextLabel>({
  name: 'text labels',
  open: () => {
    const labels = new TextLabels(
      [{ id: 'opening', label: 'Disease', kind: 'text_span', geometry: { start: 0, end: 7 }, attributes: {}, origin: 'human' }],
      [{ id: 'p:0', label: 'Gene', kind: 'text_span', geometry: { start: 20, end: 24 }, attributes: {}, score: 0.8 }],
    );
    let next = 10;
    return {
      document: labels.document,
      history: labels.history,
      create: () => { const at = (next += 10); return labels.addSpan('Disease', { start: at, end: at + 4 }).id; },
      // Wider by a token and given another class, as Shift+→ and a class key do.
      edit: (id) => { const g = labels.get(id)!.geometry!; labels.adjust(id, { start: g.start, end: g.end + 3 }, 'Gene', {}); },
      remove: (id) => labels.remove(id),
      save: () => labels.toPayload(),
      key: (e) => labels.key(e),
    };
  },
}, test);
